<?xml version="1.0" encoding="UTF-8"?>
<!--
  Meaning shared by every output (HTML now, print later): what a gap, a vote, a correction or a
  note is called, how a person is named, which URLs are safe, how turns and notes are numbered.
  Presentation lives in xslt/html/, xslt/typst/ and xslt/fo/; nothing here produces markup of an output.

  Numbering is done with accumulators, computed in one pass over the document, so numbering
  20,000 notes costs as much as reading them (xsl:number level="any" would be quadratic).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:x-edition:functions"
    exclude-result-prefixes="#all">

  <!-- the words of the interface, in the document's language -->
  <xsl:include href="messages.xsl"/>

  <!-- ============================================================ numbering (one pass each) -->

  <xsl:accumulator name="ed:turn" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:sp | tei:u" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="ed:block" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:text//tei:p | tei:text//tei:ab | tei:text//tei:stage
                                 | tei:text//tei:head | tei:text//tei:item | tei:text//tei:seg
                                 | tei:text//tei:l | tei:text//tei:row | tei:text//tei:castItem
                                 | tei:text//tei:listBibl/tei:bibl | tei:text//tei:kinesic
                                 | tei:text//tei:vocal | tei:text//tei:incident | tei:text//tei:move
                                 | tei:text//tei:set" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="ed:div" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:div" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="ed:note" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:text//tei:note" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="ed:correction" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:text//tei:choice" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="ed:gap" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:text//tei:gap" select="$value + 1"/>
  </xsl:accumulator>

  <!-- A stable anchor: the element's own xml:id, else its kind and its number in the document. -->
  <xsl:function name="ed:anchor" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="
      if ($node/@xml:id) then string($node/@xml:id)
      else if ($node/self::tei:sp or $node/self::tei:u) then 'turn-' || $node/accumulator-before('ed:turn')
      else if ($node/self::tei:note) then 'note-' || $node/accumulator-before('ed:note')
      else if ($node/self::tei:choice) then 'corr-' || $node/accumulator-before('ed:correction')
      else if ($node/self::tei:gap) then 'gap-' || $node/accumulator-before('ed:gap')
      else 'p-' || $node/accumulator-before('ed:block')"/>
  </xsl:function>

  <!-- The marks of the apparatus of corrections: 1 → a, 26 → z, 27 → aa. -->
  <xsl:function name="ed:letters" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="if ($n le 26) then codepoints-to-string(96 + $n)
      else ed:letters(($n - 1) idiv 26) || codepoints-to-string(97 + ($n - 1) mod 26)"/>
  </xsl:function>

  <!-- ============================================================ labels -->

  <xsl:variable name="ed:gap-reasons" as="map(xs:string, xs:string)" select="map{
      'lost': 'lost', 'missing': 'missing from the source', 'illegible': 'illegible',
      'interrupted': 'speech breaks off', 'omitted': 'omitted by the source’s editors',
      'inaudible': 'inaudible', 'damage': 'damaged', 'editorial': 'left out by the editors'}"/>

  <xsl:function name="ed:gap-label" as="xs:string">
    <xsl:param name="gap" as="element(tei:gap)"/>
    <xsl:variable name="reason" select="string($gap/@reason)"/>
    <xsl:variable name="extent" select="if ($gap/@quantity) then ' (' || ed:extent($gap) || ')' else ''"/>
    <!-- the reason in the document's language (messages.xml; in English the same words as above) -->
    <xsl:variable name="why" select="if ($ed:gap-reasons($reason)) then ed:msg('gap.' || $reason, $gap)
      else ($reason[. != ''], ed:msg('gap.unknown', $gap))[1]"/>
    <xsl:sequence select="ed:msg('lacuna', $gap, $why
      || $extent || (if (normalize-space($gap/tei:desc)) then ' — ' || normalize-space($gap/tei:desc) else ''))"/>
  </xsl:function>

  <!-- The units a lacuna's extent is counted in (gap/@unit, as written) → the message that says it
       (messages.xml unit.*, unit.*.one for a quantity of one); no unit is 'units', another unit is
       shown by its code. -->
  <xsl:variable name="ed:gap-units" as="map(xs:string, xs:string)" select="map{
      'char': 'chars', 'chars': 'chars', 'character': 'chars', 'characters': 'chars',
      'word': 'words', 'words': 'words', 'syllable': 'syllables', 'syllables': 'syllables',
      'line': 'lines', 'lines': 'lines', 'column': 'columns', 'columns': 'columns',
      'page': 'pages', 'pages': 'pages', 'leaf': 'leaves', 'leaves': 'leaves', 'folio': 'leaves', 'folios': 'leaves'}"/>

  <xsl:function name="ed:extent" as="xs:string">
    <xsl:param name="gap" as="element(tei:gap)"/>
    <xsl:variable name="unit" select="normalize-space($gap/@unit)"/>
    <xsl:variable name="key" select="if ($unit = '') then 'units' else $ed:gap-units(lower-case($unit))"/>
    <xsl:variable name="one" select="if (normalize-space($gap/@quantity) = '1') then '.one' else ''"/>
    <xsl:sequence select="if ($key) then ed:msg('unit.' || $key || $one, $gap, string($gap/@quantity))
      else $gap/@quantity || ' ' || $unit"/>
  </xsl:function>

  <!-- A vote count's words ({1}: the count), by its category (@subtype): messages.xml vote.*. -->
  <xsl:variable name="ed:vote-kinds" as="xs:string*" select="('for', 'against', 'abstain', 'total')"/>

  <xsl:function name="ed:vote-label" as="xs:string">
    <xsl:param name="count" as="element()"/>
    <xsl:param name="figure" as="xs:string"/>
    <xsl:variable name="kind" select="string($count/@subtype)"/>
    <xsl:sequence select="ed:msg('vote.' || ($kind[. = $ed:vote-kinds], 'other')[1], $count, $figure)"/>
  </xsl:function>

  <!-- The kinds of misprint a correction names (corr/@type): each says itself in messages.xml corr.*. -->
  <xsl:variable name="ed:correction-kinds" as="xs:string*"
                select="('char', 'split', 'join', 'word', 'name', 'label', 'number', 'quote', 'punct')"/>

  <xsl:function name="ed:correction-label" as="xs:string">
    <xsl:param name="choice" as="element(tei:choice)"/>
    <xsl:variable name="printed" select="normalize-space(string-join($choice/(tei:sic | tei:orig | tei:abbr)//text()))"/>
    <xsl:variable name="fixed" select="normalize-space(string-join($choice/(tei:corr | tei:reg | tei:expan)//text()))"/>
    <xsl:variable name="kind" select="string($choice/tei:corr/@type)[. = $ed:correction-kinds]"/>
    <xsl:sequence select="if ($kind) then ed:msg('correction.kind', $choice, ($printed, $fixed, ed:msg('corr.' || $kind, $choice)))
      else ed:msg('correction', $choice, ($printed, $fixed))"/>
  </xsl:function>

  <!-- ============================================================ people -->

  <xsl:key name="ed:id" match="*[@xml:id]" use="string(@xml:id)"/>

  <xsl:function name="ed:person-name" as="xs:string">
    <xsl:param name="person" as="element()"/>
    <xsl:variable name="names" select="$person/(tei:persName, tei:orgName, tei:name)"/>
    <xsl:variable name="name" select="($names[@type = 'reg'], $names)[1]"/>
    <!-- a name in parts (ParlaMint: surname before forename) is read forenames first -->
    <xsl:variable name="parts" select="$name/tei:roleName, $name/tei:forename, $name/tei:nameLink, $name/tei:surname,
      $name/tei:genName, $name/tei:addName"/>
    <xsl:sequence select="(normalize-space(if ($name/tei:surname and $name/tei:forename and empty($name/text()[normalize-space()]))
      then string-join($parts ! normalize-space(), ' ') else string-join($name//text()))[. != ''],
      string($person/@xml:id))[1]"/>
  </xsl:function>

  <!-- The local ids a pointer attribute names ('#a #b' → 'a', 'b'); other URIs are not ids. -->
  <xsl:function name="ed:local-ids" as="xs:string*">
    <xsl:param name="pointers" as="attribute()?"/>
    <xsl:sequence select="tokenize(normalize-space($pointers))[starts-with(., '#')] ! substring(., 2)"/>
  </xsl:function>

  <!-- ============================================================ safety -->

  <!-- A URL from the document, kept only with a safe scheme (http, https, mailto) or as a relative
       link that stays where it is: never javascript:, data:, file: …; never an absolute path
       (/etc/…), a step up (../, also percent-encoded), a backslash or a control character. -->
  <xsl:function name="ed:safe-url" as="xs:string?">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:variable name="u" select="normalize-space($url)"/>
    <xsl:sequence select="
      if (not($u)) then ()
      else if (matches($u, '^[a-zA-Z][a-zA-Z0-9+.\-]*:')) then
        (if (matches($u, '^(https?|mailto):', 'i')) then $u else ())
      else if (matches($u, '^[/\\]') or matches($u, '[\\&lt;&gt;&quot;\p{Cc}]')
               or matches($u, '(^|[/#?])\.\.([/#?]|$)') or matches($u, '%(2e|2f|5c|00)', 'i')) then ()
      else $u"/>
  </xsl:function>

  <!--
    File names. Every file a stylesheet writes is named by ed:file-name, from a token that is
    never a path: ed:file-token keeps ASCII letters, digits, '_' and '-' (accents are dropped:
    é → e; anything else, '/', '\', '.', ':', '%', spaces, other scripts and look-alikes, becomes one
    '-'), so the name stays in the output folder whatever the document's ids hold. Two ids that
    come out alike are told apart where the names are given out (xslt/html/edition.xsl, $pages).
  -->
  <xsl:function name="ed:file-token" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:sequence select="replace(replace(replace(normalize-unicode(string($text), 'NFKD'), '\p{M}+', ''),
      '[^A-Za-z0-9_\-]+', '-'), '^-+|-+$', '')"/>
  </xsl:function>

  <!-- The one maker of file names: a sanitised token (at most 120 characters; 'page' if nothing is
       left of it) and an extension. -->
  <xsl:function name="ed:file-name" as="xs:string">
    <xsl:param name="token" as="xs:string"/>
    <xsl:param name="extension" as="xs:string"/>
    <xsl:variable name="name" select="replace(substring(ed:file-token($token), 1, 120), '-+$', '')"/>
    <xsl:sequence select="(if ($name) then $name else 'page') || '.' || ed:file-token($extension)"/>
  </xsl:function>

  <!-- A name some systems keep for devices (Windows: con, nul, com1 …), never a file of ours, in
       any case. lower-case() rather than the 'i' flag: a case-blind regular expression with a
       character class cost every stylesheet that includes this file 6 ms to compile (Saxon builds
       its case tables), and no other letter lower-cases to one of these. -->
  <xsl:function name="ed:device-name" as="xs:boolean">
    <xsl:param name="token" as="xs:string"/>
    <xsl:sequence select="matches(lower-case($token), '^(con|prn|aux|nul|com[0-9]|lpt[0-9])$')"/>
  </xsl:function>

  <!-- ============================================================ counting -->

  <xsl:variable name="ed:ascii-word-characters" as="xs:string"
                select="'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'"/>

  <!-- Words as the ParlaMint header counts them; the HTML edition's charts count the same in
       edition/render/reading.py (words), tests/test_word_count.py holds both to one definition. -->
  <xsl:function name="ed:words" as="xs:integer">
    <xsl:param name="text" as="xs:string?"/>
    <!-- a token with an ASCII letter or digit holds a word character: only the others need the
         regular expression, which costs more than the rest of the count; most tokens begin with
         one, which is cheaper to look at than the whole token (tokenize#1 splits at any white
         space, as normalize-space would) -->
    <xsl:sequence select="count(tokenize($text)[contains($ed:ascii-word-characters, substring(., 1, 1))
      or translate(., $ed:ascii-word-characters, '') ne . or matches(., '\w')])"/>
  </xsl:function>

</xsl:stylesheet>
