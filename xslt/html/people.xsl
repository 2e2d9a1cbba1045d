<?xml version="1.0" encoding="UTF-8"?>
<!--
  The register: an index page (people.html) and a page for each entry. The index lists persons,
  then groups and unnamed voices (ANOTHER DELEGATE), then speakers the text points at but no
  register names (their names made from the id and marked so), each with its life dates and a
  link to its page; organisations are listed there too. An entry's page gives its name, life
  dates, roles in words, affiliations, authority identifiers linked and the register's note, then
  its turns by session and date with each turn's opening words, and where the text mentions it.

  Why a page each: on a long edition the turns of everyone made one page of megabytes (7 MB on
  the 15 MB benchmark); a page per entry is as long as that entry's turns. Anchors stay stable:
  the text links to the entry's own page (ed:person-href), and the index keeps every entry's id,
  so an old link people.html#id still finds the entry (and the script follows it to the page).

  Cost: turns and mentions are found through keys (built once), grouped by page as they come in
  document order, so the pages cost one pass over the text whatever the number of people.
  The register's meaning (roles, dates, authorities) comes from xslt/common/people.xsl; the
  words of these pages are the message table's (xslt/common/messages.xml, people.*).
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

  <!--
    The register's entries in the order of the index, as maps {kind, id, anchor, entry, name, file}:
    kind is persons, voices or unregistered; id the register's xml:id (or the id a turn points at);
    anchor the entry's id on its pages; entry the register's element (none for the unregistered);
    name its name as shown, told apart from a namesake's; file its page, 'person-' and its id
    made safe (ed:file-name), with the first free '-2', '-3' … where that name is taken (compared
    without case, as some file systems do) by a page of the site or an entry before it.
  -->
  <xsl:variable name="ed:register" as="map(*)*">
    <xsl:variable name="registered" select="$persons | //tei:listPerson//tei:personGrp[@xml:id]"/>
    <xsl:variable name="entries" as="map(*)*">
      <xsl:for-each select="'persons', 'voices'">
        <xsl:variable name="kind" select="."/>
        <xsl:variable name="sorted" as="element()*">
          <xsl:perform-sort select="$registered[ed:is-voice(.) eq ($kind eq 'voices')]">
            <xsl:sort select="lower-case(ed:sort-name(.))"/>
          </xsl:perform-sort>
        </xsl:variable>
        <xsl:variable name="names" as="map(xs:string, xs:string)" select="ed:distinct-names($sorted)"/>
        <xsl:sequence select="$sorted ! map{'kind': $kind, 'id': string(@xml:id), 'anchor': string(@xml:id),
          'entry': ., 'name': $names(string(@xml:id))}"/>
      </xsl:for-each>
      <xsl:for-each select="distinct-values($teis/tei:text//(tei:sp | tei:u)/ed:local-ids(@who))[not(key('ed:id', ., $root))]">
        <xsl:sort select="lower-case(.)"/>
        <xsl:sequence select="map{'kind': 'unregistered', 'id': ., 'anchor': ed:file-token(.), 'entry': (),
          'name': ed:name-from-id(.)}"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:iterate select="$entries">
      <!-- lower-cased name given → the next suffix to try for it -->
      <xsl:param name="taken" as="map(xs:string, xs:integer)" select="map:merge(($site-pages, $pages ! replace(?file, '\.html$', ''))
        ! map:entry(lower-case(.), 2), map{'duplicates': 'use-first'})"/>
      <xsl:param name="n" as="xs:integer" select="1"/>
      <xsl:variable name="token" select="replace(substring(ed:file-token(?id), 1, 80), '-+$', '')"/>
      <xsl:variable name="wanted" select="'person-' || (if ($token) then $token else string($n))"/>
      <xsl:variable name="key" select="lower-case($wanted)"/>
      <xsl:variable name="suffix" as="xs:integer" select="if (map:contains($taken, $key))
        then ed:free-suffix($key, $taken, $taken($key)) else 0"/>
      <xsl:variable name="name" select="if ($suffix) then $wanted || '-' || $suffix else $wanted"/>
      <xsl:sequence select="map:put(., 'file', ed:file-name($name, 'html'))"/>
      <xsl:next-iteration>
        <xsl:with-param name="taken" select="map:put(map:put($taken, lower-case($name), 2), $key, max(($suffix + 1, 2)))"/>
        <xsl:with-param name="n" select="$n + 1"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:variable>

  <!-- Where an entry is, by its id: its page and its anchor there. -->
  <xsl:variable name="ed:register-href" as="map(xs:string, xs:string)"
                select="map:merge($ed:register ! map:entry(?id, ?file || '#' || ?anchor), map{'duplicates': 'use-first'})"/>

  <!-- Where a link to a person (or body) of the register leads: the entry's own page, else (an
       organisation) its line on the index. -->
  <xsl:function name="ed:person-href" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="($ed:register-href($id), 'people.html#' || $id)[1]"/>
  </xsl:function>

  <!-- The index: every entry's id, name, life dates and a link to its page. -->
  <xsl:template name="ed:people-page">
    <xsl:call-template name="ed:frame">
      <xsl:with-param name="page-title" select="ed:msg('people', $root)"/>
      <xsl:with-param name="file" select="'people.html'"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="ed:msg('people', $root)"/></h1>
        <xsl:if test="empty($ed:register)">
          <p><xsl:value-of select="ed:msg('people.no-register', $root)"/></p>
        </xsl:if>
        <xsl:for-each-group select="$ed:register" group-adjacent="?kind">
          <xsl:variable name="kind" select="current-grouping-key()"/>
          <section class="register register-{$kind}" aria-labelledby="{$kind}-h">
            <h2 id="{$kind}-h"><xsl:value-of select="ed:msg('people.' || $kind, $root)"/> <span class="count"> (<xsl:value-of select="count(current-group())"/>)</span></h2>
            <nav class="register-index" aria-label="{ed:msg('people.index', $root, ed:msg('people.' || $kind, $root))}">
              <ul>
                <xsl:for-each select="current-group()">
                  <xsl:variable name="life" select="?entry ! ed:life-dates(.)"/>
                  <li id="{?anchor}" data-page="{?file}#{?anchor}"><a href="{?file}#{?anchor}"><xsl:value-of select="?name"/></a>
                    <xsl:if test="$life"><xsl:text> </xsl:text><span class="life">(<xsl:value-of select="$life"/>)</span></xsl:if></li>
                </xsl:for-each>
              </ul>
            </nav>
          </section>
        </xsl:for-each-group>
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

  <!-- An entry's page, with the entries before and after it in the index. -->
  <xsl:template name="ed:person-page">
    <xsl:param name="person" as="map(*)"/>
    <xsl:param name="previous" as="map(*)?"/>
    <xsl:param name="next" as="map(*)?"/>
    <xsl:call-template name="ed:frame">
      <xsl:with-param name="page-title" select="$person?name"/>
      <xsl:with-param name="file" select="$person?file"/>
      <xsl:with-param name="nav">
        <nav class="pager" aria-label="{ed:msg('pager', $root)}">
          <xsl:if test="exists($previous)"><a rel="prev" href="{$previous?file}">← <xsl:value-of select="$previous?name"/></a></xsl:if>
          <a href="people.html"><xsl:value-of select="ed:msg('people', $root)"/></a>
          <xsl:if test="exists($next)"><a rel="next" href="{$next?file}"><xsl:value-of select="$next?name"/> →</a></xsl:if>
        </nav>
      </xsl:with-param>
      <xsl:with-param name="content">
        <xsl:choose>
          <xsl:when test="exists($person?entry)">
            <xsl:for-each select="$person?entry">
              <xsl:call-template name="ed:register-entry">
                <xsl:with-param name="name" select="$person?name"/>
              </xsl:call-template>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <article class="person unregistered" id="{$person?anchor}">
              <h1><xsl:value-of select="$person?name"/></h1>
              <!-- the message's {1} is the identifier, set as code -->
              <xsl:variable name="said" select="ed:msg('people.from-id', $root)"/>
              <p class="person-note"><xsl:value-of select="substring-before($said, '{1}')"/><code><xsl:value-of select="$person?id"/></code><xsl:value-of select="substring-after($said, '{1}')"/></p>
              <xsl:call-template name="ed:by-session">
                <xsl:with-param name="key" select="'turns'"/>
                <xsl:with-param name="nodes" select="key('ed:turns-of', $person?id, $root)"/>
              </xsl:call-template>
            </article>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
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
      <h1><xsl:value-of select="$name"/>
        <xsl:if test="$life"><xsl:text> </xsl:text><span class="life">(<xsl:value-of select="$life"/>)</span></xsl:if></h1>
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
              <a class="session" href="{current-grouping-key()}"><xsl:value-of select="($ed:session-titles(current-grouping-key()), '')[1]"/></a>
              <xsl:if test="$page?date"><xsl:text> </xsl:text><time datetime="{$page?date}"><xsl:value-of select="$ed:shown-dates(current-grouping-key())"/></time></xsl:if>
              <ol class="turns">
                <xsl:for-each select="current-group()">
                  <xsl:variable name="target" select="if ($key = 'turns') then . else ed:mention-block(.)"/>
                  <li><a href="{current-grouping-key()}#{ed:anchor($target)}"><xsl:value-of select="ed:opening-of($target)"/></a></li>
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

  <!-- The opening words of a turn or block: as the toolkit read them (edition/render/reading.py,
       openings: 0.7 s of Saxon's on the 15 MB benchmark), else — a note, a mention outside any
       block — as ed:opening reads them. -->
  <xsl:function name="ed:opening-of" as="xs:string">
    <xsl:param name="target" as="element()"/>
    <xsl:sequence select="(if ($target/self::tei:sp or $target/self::tei:u)
      then $ed:reading?openings?turns($target/accumulator-before('ed:turn'))
      else if ($target/(self::tei:p or self::tei:ab or self::tei:head or self::tei:item or self::tei:row or self::tei:l))
      then $ed:reading?openings?blocks($target/accumulator-before('ed:block')) else (), ed:opening($target))[1]"/>
  </xsl:function>

  <!-- The first words of a turn or block (its reading text), to tell one link from the next.
       Read from its first text nodes only: a long turn is not joined whole for ten words. The
       same as edition/render/reading.py's opening (tests/test_html_reading_data.py). -->
  <xsl:function name="ed:opening" as="xs:string">
    <xsl:param name="block" as="element()"/>
    <xsl:variable name="texts" select="$block//text()[not(ancestor::tei:speaker | ancestor::tei:sic
      | ancestor::tei:orig | ancestor::tei:note | ancestor::tei:desc | ancestor::tei:stage)]"/>
    <xsl:variable name="head" select="subsequence($texts, 1, 12)"/>
    <xsl:variable name="words" select="tokenize(normalize-space(substring(string-join($head), 1, 400)))"/>
    <xsl:sequence select="if (empty($words)) then '¶' else string-join(subsequence($words, 1, 10), ' ')
      || (if (count($words) gt 10 or exists($texts[13])) then ' …' else '')"/>
  </xsl:function>

  <!-- Each page's title as cited, made once per page rather than once per person and page (18,000
       times on the 15 MB benchmark); a page the text has none of ('index.html') has ''. -->
  <xsl:variable name="ed:session-titles" as="map(xs:string, xs:string)"
                select="map:merge($pages ! map:entry(?file, ed:citable(?title)))"/>

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
