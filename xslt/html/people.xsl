<?xml version="1.0" encoding="UTF-8"?>
<!--
  The people page as a register: one section per person (name, life dates, roles in words,
  affiliations, authority identifiers linked, the register's note), their turns listed by session
  and date with each turn's opening words, and where the text mentions them. Groups and unnamed
  voices (ANOTHER DELEGATE) have a section of their own, apart from persons; speakers the text
  points at but no register names are listed last, their names made from the id and marked so.

  Cost: turns and mentions are found through keys (built once), grouped by page as they come in
  document order, so the page costs one pass over the text whatever the number of people.
  The register's meaning (roles, dates, authorities) comes from xslt/common/people.xsl; the
  words of this page are the message table's (xslt/common/messages.xsl, people.*).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- Words of the text that name a person or body (not the speaker labels, which are turns). -->
  <xsl:key name="ed:mentions-of" match="tei:text//*[@ref][self::tei:persName or self::tei:rs or self::tei:name
      or self::tei:orgName][not(ancestor::tei:speaker)]" use="ed:local-ids(@ref)"/>

  <xsl:template name="ed:people-page">
    <xsl:variable name="registered" select="$persons | //tei:listPerson//tei:personGrp[@xml:id]"/>
    <xsl:variable name="people" select="$registered[not(ed:is-voice(.))]"/>
    <xsl:variable name="voices" select="$registered[ed:is-voice(.)]"/>
    <xsl:variable name="unregistered" select="distinct-values($teis/tei:text//(tei:sp | tei:u)/ed:local-ids(@who))
      [not(key('ed:id', ., $root))]"/>
    <xsl:call-template name="ed:frame">
      <xsl:with-param name="page-title" select="ed:msg('people', $root)"/>
      <xsl:with-param name="file" select="'people.html'"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="ed:msg('people', $root)"/></h1>
        <xsl:if test="not($registered) and empty($unregistered)">
          <p><xsl:value-of select="ed:msg('people.no-register', $root)"/></p>
        </xsl:if>
        <xsl:call-template name="ed:register-section">
          <xsl:with-param name="key" select="'persons'"/>
          <xsl:with-param name="entries" select="$people"/>
        </xsl:call-template>
        <xsl:call-template name="ed:register-section">
          <xsl:with-param name="key" select="'voices'"/>
          <xsl:with-param name="entries" select="$voices"/>
        </xsl:call-template>
        <xsl:if test="exists($unregistered)">
          <section class="register" aria-labelledby="unregistered-h">
            <h2 id="unregistered-h"><xsl:value-of select="ed:msg('people.unregistered', $root)"/></h2>
            <xsl:for-each select="$unregistered">
              <xsl:sort select="lower-case(.)"/>
              <article class="person unregistered" id="{ed:file-token(.)}">
                <h3><xsl:value-of select="ed:name-from-id(.)"/></h3>
                <p class="person-note"><xsl:value-of select="ed:msg('people.from-id', $root)"/> (<code><xsl:value-of select="."/></code>).</p>
                <xsl:call-template name="ed:by-session">
                  <xsl:with-param name="key" select="'turns'"/>
                  <xsl:with-param name="nodes" select="key('ed:turns-of', ., $root)"/>
                </xsl:call-template>
              </article>
            </xsl:for-each>
          </section>
        </xsl:if>
        <xsl:if test="//tei:listOrg/tei:org[@xml:id]">
          <section class="register" aria-labelledby="orgs-h">
            <h2 id="orgs-h"><xsl:value-of select="ed:msg('people.orgs', $root)"/></h2>
            <ul class="orgs">
              <xsl:for-each select="//tei:listOrg/tei:org[@xml:id]">
                <li id="{@xml:id}"><xsl:value-of select="ed:person-name(.)"/></li>
              </xsl:for-each>
            </ul>
          </section>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Persons, or groups and voices: an index of names, then an entry each, by name. -->
  <xsl:template name="ed:register-section">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="entries" as="element()*"/>
    <xsl:if test="exists($entries)">
      <xsl:variable name="sorted" as="element()*">
        <xsl:perform-sort select="$entries"><xsl:sort select="lower-case(ed:sort-name(.))"/></xsl:perform-sort>
      </xsl:variable>
      <xsl:variable name="names" as="map(xs:string, xs:string)" select="ed:distinct-names($sorted)"/>
      <section class="register register-{$key}" aria-labelledby="{$key}-h">
        <h2 id="{$key}-h"><xsl:value-of select="ed:msg('people.' || $key, $root)"/> <span class="count"> (<xsl:value-of select="count($entries)"/>)</span></h2>
        <nav class="register-index" aria-label="{ed:msg('people.index', $root, ed:msg('people.' || $key, $root))}">
          <ul>
            <xsl:for-each select="$sorted">
              <li><a href="#{@xml:id}"><xsl:value-of select="$names(@xml:id)"/></a></li>
            </xsl:for-each>
          </ul>
        </nav>
        <xsl:for-each select="$sorted">
          <xsl:call-template name="ed:register-entry">
            <xsl:with-param name="name" select="$names(@xml:id)"/>
          </xsl:call-template>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- One entry of the register. -->
  <xsl:template name="ed:register-entry">
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="life" select="ed:life-dates(.)"/>
    <xsl:variable name="roles" select="ed:role-words(.)"/>
    <xsl:variable name="affiliations" select="distinct-values(tei:affiliation ! ed:affiliation-name(.))
      [. != ''][not(lower-case(.) = $roles ! lower-case(.))]"/>
    <xsl:variable name="links" select="ed:authority-links(.)"/>
    <article class="person{if (ed:is-voice(.)) then ' voice' else ''}" id="{@xml:id}">
      <h3><xsl:value-of select="$name"/>
        <xsl:if test="$life"><xsl:text> </xsl:text><span class="life">(<xsl:value-of select="$life"/>)</span></xsl:if></h3>
      <xsl:if test="exists(($roles, $affiliations))">
        <p class="roles"><xsl:value-of select="string-join((string-join($roles, ', ')[. != ''],
          string-join($affiliations, ', ')[. != '']), '; ')"/></p>
      </xsl:if>
      <xsl:if test="exists($links)">
        <p class="authority"><span class="sr-only"><xsl:value-of select="ed:msg('people.identifiers', $root)"/>: </span>
          <xsl:for-each select="$links">
            <xsl:if test="position() gt 1"> · </xsl:if>
            <xsl:value-of select="?name"/><xsl:text> </xsl:text>
            <xsl:choose>
              <xsl:when test="?url"><a href="{?url}" rel="noopener noreferrer"><xsl:value-of select="?id"/></a></xsl:when>
              <xsl:otherwise><xsl:value-of select="?id"/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </p>
      </xsl:if>
      <xsl:for-each select="tei:note[normalize-space()]">
        <p class="person-note"><xsl:value-of select="normalize-space()"/></p>
      </xsl:for-each>
      <xsl:call-template name="ed:by-session">
        <xsl:with-param name="key" select="'turns'"/>
        <xsl:with-param name="nodes" select="key('ed:turns-of', string(@xml:id), $root)"/>
      </xsl:call-template>
      <xsl:call-template name="ed:by-session">
        <xsl:with-param name="key" select="'mentions'"/>
        <xsl:with-param name="nodes" select="key('ed:mentions-of', string(@xml:id), $root)"/>
      </xsl:call-template>
    </article>
  </xsl:template>

  <!-- Turns or mentions grouped by the page (session) they are on, with its date; each a link
       labelled with its opening words. -->
  <xsl:template name="ed:by-session">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="nodes" as="element()*"/>
    <xsl:if test="exists($nodes)">
      <details class="occurrences {$key}" open="open">
        <summary><xsl:value-of select="ed:msg('people.' || $key, $root)"/> (<xsl:value-of select="count($nodes)"/>)</summary>
        <ul class="sessions">
          <xsl:for-each-group select="$nodes" group-adjacent="ed:page-of(.)">
            <xsl:variable name="page" select="$page-by-file(current-grouping-key())"/>
            <li>
              <a class="session" href="{current-grouping-key()}"><xsl:value-of select="(ed:citable($page?title), current-grouping-key())[1]"/></a>
              <xsl:if test="$page?date"><xsl:text> </xsl:text><time datetime="{$page?date}"><xsl:value-of select="$ed:shown-dates(current-grouping-key())"/></time></xsl:if>
              <ol class="turns">
                <xsl:for-each select="current-group()">
                  <xsl:variable name="target" select="if ($key = 'turns') then . else ed:mention-block(.)"/>
                  <li><a href="{current-grouping-key()}#{ed:anchor($target)}"><xsl:value-of select="ed:opening($target)"/></a></li>
                </xsl:for-each>
              </ol>
            </li>
          </xsl:for-each-group>
        </ul>
      </details>
    </xsl:if>
  </xsl:template>

  <!-- The block a mention is in, which has an anchor on the page. -->
  <xsl:function name="ed:mention-block" as="element()">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="($name/ancestor::*[self::tei:p or self::tei:ab or self::tei:head or self::tei:item
      or self::tei:row or self::tei:l or self::tei:sp or self::tei:u or self::tei:note][1], $name)[1]"/>
  </xsl:function>

  <!-- The first words of a turn or block (its reading text), to tell one link from the next.
       Read from its first text nodes only: a long turn is not joined whole for ten words. -->
  <xsl:function name="ed:opening" as="xs:string">
    <xsl:param name="block" as="element()"/>
    <xsl:variable name="texts" select="$block//text()[not(ancestor::tei:speaker | ancestor::tei:sic
      | ancestor::tei:orig | ancestor::tei:note | ancestor::tei:desc | ancestor::tei:stage)]"/>
    <xsl:variable name="head" select="subsequence($texts, 1, 12)"/>
    <xsl:variable name="words" select="tokenize(normalize-space(substring(string-join($head), 1, 400)))"/>
    <xsl:sequence select="if (empty($words)) then '¶' else string-join(subsequence($words, 1, 10), ' ')
      || (if (count($words) gt 10 or exists($texts[13])) then ' …' else '')"/>
  </xsl:function>

  <!-- Each page's date as shown, formatted once per page rather than once per person and page. -->
  <xsl:variable name="ed:shown-dates" as="map(xs:string, xs:string)"
                select="map:merge($pages ! map:entry(?file, ed:show-date(?date)))"/>

  <!-- An ISO date as read: '29 March 1917' in English, the ISO form in other languages. -->
  <xsl:function name="ed:show-date" as="xs:string">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:sequence select="if ($iso castable as xs:date and starts-with($lang, 'en'))
      then format-date(xs:date($iso), '[D] [MNn] [Y]', 'en', (), ()) else $iso"/>
  </xsl:function>

  <!-- An affiliation's words, else the name of the body it points at. -->
  <xsl:function name="ed:affiliation-name" as="xs:string">
    <xsl:param name="affiliation" as="element()"/>
    <xsl:variable name="org" select="ed:local-ids($affiliation/@ref) ! key('ed:id', ., $root)[1]"/>
    <xsl:sequence select="(normalize-space($affiliation)[. != ''], $org ! ed:person-name(.), '')[1]"/>
  </xsl:function>

  <!-- Display names, told apart where two entries share one: the entry's name in another
       language in brackets ('Второй (Second dandy)'), and its id as well where that is shared too
       ('Второй (Second, vtoroj)'). -->
  <xsl:function name="ed:distinct-names" as="map(xs:string, xs:string)">
    <xsl:param name="entries" as="element()*"/>
    <xsl:map>
      <xsl:for-each-group select="$entries" group-by="ed:person-name(.)">
        <xsl:variable name="name" select="current-grouping-key()"/>
        <xsl:variable name="others" as="xs:string*" select="current-group() ! string((*[self::tei:persName or self::tei:name]
          [@xml:lang != $lang] ! normalize-space())[. != '' and . != $name][1])"/>
        <xsl:for-each select="current-group()">
          <xsl:variable name="i" select="position()"/>
          <xsl:variable name="other" select="$others[$i]"/>
          <xsl:map-entry key="string(@xml:id)" select="if (last() = 1) then $name
            else if ($other and count($others[. = $other]) = 1) then $name || ' (' || $other || ')'
            else $name || ' (' || string-join(($other[. != ''], string(@xml:id)), ', ') || ')'"/>
        </xsl:for-each>
      </xsl:for-each-group>
    </xsl:map>
  </xsl:function>

  <xsl:function name="ed:sort-name" as="xs:string">
    <xsl:param name="person" as="element()"/>
    <xsl:sequence select="(normalize-space(($person/tei:persName[@type = 'reg'], $person/tei:persName)[1]/tei:surname)[. != ''],
      ed:person-name($person))[1]"/>
  </xsl:function>

</xsl:stylesheet>
