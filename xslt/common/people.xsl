<?xml version="1.0" encoding="UTF-8"?>
<!--
  What the register says about a person, as every output reads it: which entries are persons and
  which are groups or unnamed voices, their roles in words, their life dates, and their authority
  identifiers as links. Rules as data: the role words and the authority files are maps below;
  a role code not in the map is shown with its hyphens as spaces, never dropped.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:x-edition:functions"
    exclude-result-prefixes="#all">

  <!-- Role codes of a register (person/@role) said in words: each code here has its words in the
       message table (messages.xml role.*, in the document's language). 'speaker', 'label' and
       'anonymous' are left out: they say only that the person speaks, or that the entry was made
       from a printed label, which the list of turns shows anyway. -->
  <xsl:variable name="ed:role-codes" as="xs:string*" select="('chair', 'secretary', 'member', 'delegate',
      'soviet-delegate', 'guest', 'central-committee', 'petrograd-committee', 'menshevik', 'mp', 'minister',
      'president')"/>
  <xsl:variable name="ed:silent-roles" as="xs:string*" select="('speaker', 'label', 'anonymous')"/>

  <!-- Role codes that make an entry an unnamed voice rather than a person. -->
  <xsl:variable name="ed:voice-roles" as="xs:string*" select="('anonymous', 'unknown', 'group', 'voice')"/>

  <!-- Authority files: idno/@type (lower case) → its name (or the message that names it in the
       document's language) and the address an identifier is appended to. An idno that is already an http(s) address is linked as it is. -->
  <xsl:variable name="ed:authorities" as="map(xs:string, map(xs:string, xs:string))" select="map{
      'wikidata': map{'name': 'Wikidata', 'prefix': 'https://www.wikidata.org/wiki/'},
      'viaf': map{'name': 'VIAF', 'prefix': 'https://viaf.org/viaf/'},
      'gnd': map{'name': 'GND', 'prefix': 'https://d-nb.info/gnd/'},
      'orcid': map{'name': 'ORCID', 'prefix': 'https://orcid.org/'},
      'isni': map{'name': 'ISNI', 'prefix': 'https://isni.org/isni/'},
      'lccn': map{'msg': 'authority.lccn', 'prefix': 'https://id.loc.gov/authorities/names/'},
      'wikimedia': map{'name': 'Wikipedia', 'prefix': ''},
      'uri': map{'msg': 'authority.uri', 'prefix': ''}}"/>

  <!-- A group, or a voice the minutes do not name (ANOTHER DELEGATE, VOICES): kept apart from persons. -->
  <xsl:function name="ed:is-voice" as="xs:boolean">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="exists($entry/self::tei:personGrp)
      or tokenize(lower-case($entry/@role)) = $ed:voice-roles"/>
  </xsl:function>

  <!-- The roles in words, in the register's order, each once. -->
  <xsl:function name="ed:role-words" as="xs:string*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="distinct-values(tokenize(normalize-space($entry/@role))[not(lower-case(.) = $ed:silent-roles)]
      ! (if (lower-case(.) = $ed:role-codes) then ed:msg('role.' || lower-case(.), $entry) else translate(., '-_', '  ')))"/>
  </xsl:function>

  <!-- Life dates: '1870–1924', 'born 1941', 'died 1936'; the year of @when (or of @notBefore /
       @from), else the element's words. Empty when the register gives none. -->
  <xsl:function name="ed:life-dates" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="born" select="ed:year-of($entry/tei:birth[1])"/>
    <xsl:variable name="died" select="ed:year-of($entry/tei:death[1])"/>
    <xsl:sequence select="if ($born and $died) then $born || '–' || $died
      else if ($born) then ed:msg('life.born', $entry, $born) else if ($died) then ed:msg('life.died', $entry, $died)
      else normalize-space($entry/tei:floruit[1]/(@when, @from, .)[1]) ! (if (.) then ed:msg('life.active', $entry, .) else '')"/>
  </xsl:function>

  <xsl:function name="ed:year-of" as="xs:string">
    <xsl:param name="event" as="element()?"/>
    <xsl:variable name="when" select="string(($event/@when, $event/@when-iso, $event/@notBefore, $event/@from)[1])"/>
    <xsl:sequence select="if (matches($when, '^-?\d{4}')) then replace($when, '^(-?\d{4}).*$', '$1')
      else normalize-space(string-join($event/(text() | tei:date//text()), ''))"/>
  </xsl:function>

  <!-- The entry's authority identifiers as maps {name, id, url}; an identifier without a safe
       address (an unknown type, a javascript: URL) is kept as text with an empty url. -->
  <xsl:function name="ed:authority-links" as="map(xs:string, xs:string)*">
    <xsl:param name="entry" as="element()"/>
    <xsl:for-each select="$entry/tei:idno[normalize-space()]">
      <xsl:variable name="type" select="lower-case((@subtype[. = 'wikimedia'], @type, 'uri')[1])"/>
      <xsl:variable name="file" select="$ed:authorities($type)"/>
      <xsl:variable name="value" select="normalize-space()"/>
      <xsl:variable name="url" select="if (matches($value, '^https?://')) then ed:safe-url($value)
        else if ($file?prefix) then ed:safe-url($file?prefix || encode-for-uri($value)) else ()"/>
      <xsl:sequence select="map{
        'name': ($file?name, $file?msg ! ed:msg(., $entry), @type, ed:msg('authority.other', $entry))[1]
                || (if (@xml:lang) then ' (' || @xml:lang || ')' else ''),
        'id': if ($type = 'wikimedia') then replace($value, '^https?://([^/]+).*$', '$1')
              else if (matches($value, '^https?://')) then replace($value, '^.*/([^/]+)/?$', '$1') else $value,
        'url': string($url)}"/>
    </xsl:for-each>
  </xsl:function>

  <!-- A speaker's name made from a ParlaMint-style id when no register names them:
       'DeJòdarJulià' → 'De Jòdar Julià'. Shown marked as made from the id. -->
  <xsl:function name="ed:name-from-id" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="normalize-space(replace(replace($id, '[_.]+', ' '), '(\p{Ll})(\p{Lu})', '$1 $2'))"/>
  </xsl:function>

  <!-- Who speaks a turn, as a key: the first id of @who, else the printed label. -->
  <xsl:function name="ed:speaker-key" as="xs:string">
    <xsl:param name="turn" as="element()"/>
    <!-- '' for a turn with neither: an anonymous voice, never an error -->
    <xsl:sequence select="((ed:local-ids($turn/@who)[1], normalize-space(replace(string-join(
      $turn/tei:speaker//text()[not(ancestor::tei:sic)]), '[:.\s]+$', '')))[. != ''], '')[1]"/>
  </xsl:function>

  <!-- A speaker's name as the text, hits and citations show it where no label is printed: the
       register's, else one made from a ParlaMint-style id ('BayonaAntoni', 'golos_tretego'), else
       the printed label; never in capitals, never an id as it stands. -->
  <xsl:function name="ed:speaker-name" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="if (map:contains($ed:speaker-names, $key)) then $ed:speaker-names($key)
      else ed:citable(if (key('ed:id', $key, $root)) then ed:name-of($key)
      else if (matches($key, '^\S+$') and matches($key, '\p{Ll}\p{Lu}|_')) then ed:name-from-id($key) else $key)"/>
  </xsl:function>

  <!-- The register's names as cited, made once: every turn asks for its speaker's. -->
  <xsl:variable name="ed:speaker-names" as="map(xs:string, xs:string)"
                select="map:merge($persons ! map:entry(string(@xml:id), ed:citable(ed:person-name(.))), map{'duplicates': 'use-first'})"/>

  <!-- Words that stay in lower case inside a title-cased title (English). -->
  <xsl:variable name="ed:minor-words" select="('a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with')"/>

  <!-- Text printed all in capitals, title-cased ('SESSION OF MARCH 29, 1917' → 'Session of March 29, 1917');
       text with any lower-case letter is left as it is. -->
  <xsl:function name="ed:citable" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:variable name="t" select="normalize-space($text)"/>
    <xsl:variable name="w" select="tokenize($t, ' ')"/>
    <xsl:sequence select="if (not(matches($t, '\p{Lu}')) or matches($t, '\p{Ll}')) then $t
      else string-join(for $i in 1 to count($w) return
        if ($i gt 1 and lower-case($w[$i]) = $ed:minor-words) then lower-case($w[$i])
        else upper-case(substring($w[$i], 1, 1)) || lower-case(substring($w[$i], 2)), ' ')"/>
  </xsl:function>

</xsl:stylesheet>
