<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI → HTML, mode `html`: one rule per element (or family), presentation only; the meaning of a
  gap, a correction or a vote comes from xslt/common/functions.xsl.

  Block elements met inside running text (a list in a paragraph, a paragraph in a note) are
  written as spans with a class, so the HTML stays valid; the tunnel parameter `inline` says
  where we are. Text is always output as text (escaped by the serializer); attributes from the
  document are never copied wholesale, and URLs pass ed:safe-url.

  Elements with no rule go through ONE fallback (the last template): their content is rendered,
  wrapped in <span class="tei-unknown" data-tei="name">, and the element is reported by an
  xsl:message "W401 …" that the toolkit turns into a diagnostic.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:mode name="html" on-no-match="fail" use-accumulators="#all"/>

  <!-- an element name: the block tag outside running text, a span inside it -->
  <xsl:function name="ed:tag" as="xs:string">
    <xsl:param name="inline" as="xs:boolean"/>
    <xsl:param name="block" as="xs:string"/>
    <xsl:sequence select="if ($inline) then 'span' else $block"/>
  </xsl:function>

  <!-- The words the text repeats on every paragraph, turn or mark, looked up once (messages.xml):
       the text is the principal document's, so they are in its language. -->
  <xsl:variable name="ed:text-words" as="map(xs:string, xs:string)" select="map{
    'cite': ed:msg('cite', $root), 'paragraph-link': ed:msg('paragraph-link', $root), 'vote': ed:msg('vote', $root),
    'all-notes': ed:msg('all-notes', $root), 'ellipsis': ed:msg('ellipsis', $root), 'glyph': ed:msg('glyph', $root),
    'image': ed:msg('image', $root)}"/>

  <xsl:template match="text()" mode="html">
    <xsl:value-of select="."/>
  </xsl:template>
  <xsl:template match="comment() | processing-instruction()" mode="html"/>

  <!-- ============================================================ divisions and headings -->

  <xsl:template match="tei:front | tei:back | tei:body | tei:group | tei:text" mode="html">
    <xsl:apply-templates mode="html"/>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4" mode="html">
    <section class="div {@type ! ('div-' || .)}" id="{ed:anchor-div(.)}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <!-- an untitled division of a text in parts (a scene of an act) gets the name the contents give it -->
      <xsl:if test="not(tei:head) and @type and (parent::tei:div | parent::tei:div1 | parent::tei:div2 | parent::tei:div3)">
        <xsl:element name="{'h' || min((6, count(ancestor-or-self::*[self::tei:div | self::tei:div1 | self::tei:div2
          | self::tei:div3 | self::tei:div4])))}">
          <xsl:attribute name="class" select="'head editorial-head'"/>
          <xsl:value-of select="ed:heading(.)"/>
        </xsl:element>
      </xsl:if>
      <xsl:apply-templates mode="html"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:head" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <!-- the page's own division heads it with h1 -->
    <xsl:variable name="depth" select="max((1, count(ancestor::tei:div | ancestor::tei:div1 | ancestor::tei:div2
      | ancestor::tei:div3 | ancestor::tei:div4)))"/>
    <xsl:element name="{if ($inline or not(parent::tei:div | parent::tei:div1 | parent::tei:div2 | parent::tei:div3
      | parent::tei:div4 | parent::tei:body[not(parent::tei:floatingText)])) then ed:tag($inline, 'p')
      else 'h' || min((6, $depth))}">
      <xsl:attribute name="class" select="'head'"/>
      <xsl:attribute name="id" select="ed:anchor(.)"/>
      <xsl:apply-templates mode="html"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- ============================================================ paragraphs -->

  <xsl:template match="tei:p | tei:ab | tei:seg[parent::tei:u]" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="ana" select="string(@ana)"/>
    <xsl:variable name="classes" select="(local-name(), @type ! ('type-' || .),
      if (contains($ana, '#vote')) then 'vote' else (), if (contains($ana, '#reported')) then 'reported' else (),
      if (contains($ana, '#session.')) then 'meta' else ())"/>
    <xsl:variable name="id" select="ed:anchor(.)"/>
    <xsl:element name="{ed:tag($inline, if (.//(tei:p | tei:list | tei:table | tei:floatingText | tei:lg | tei:sp)) then 'div' else 'p')}">
      <xsl:attribute name="class" select="string-join($classes, ' ')"/>
      <xsl:attribute name="id" select="$id"/>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:if test="contains(@ana, '#vote')"><span class="badge"><xsl:value-of select="$ed:text-words?vote"/></span><xsl:text> </xsl:text></xsl:if>
      <xsl:apply-templates mode="html"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
      <xsl:if test="not($inline)"><xsl:text>&#160;</xsl:text><a class="cite" href="#{$id}" aria-label="{$ed:text-words?paragraph-link}">¶</a></xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- Furniture (running heads, page numbers, catchwords; a web page's boilerplate the converter
       kept as such) is the carrier's, not the text's: left out of the reading, counted on the
       page about the edition (ed:table-of-signs). -->
  <xsl:template match="tei:fw" mode="html"/>

  <!-- ============================================================ turns -->

  <xsl:template match="tei:sp | tei:u" mode="html">
    <xsl:variable name="who" select="ed:local-ids(@who)"/>
    <xsl:variable name="id" select="ed:anchor(.)"/>
    <div class="sp{if (contains(@ana, '#reported')) then ' reported' else ''}" id="{$id}" data-who="{$who}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <!-- an utterance's speaker: its printed label stands before it (a note of type speaker, shown
           as the label); else the register's name, marked as the editors' -->
      <xsl:if test="self::tei:u and @who and not(preceding-sibling::*[1][self::tei:note[@type = 'speaker']])">
        <p class="speaker inferred"><xsl:sequence select="ed:who-link($who, string-join($who ! ed:speaker-name(.), ', '))"/></p>
      </xsl:if>
      <xsl:apply-templates mode="html"/>
      <a class="cite turn-cite" href="#{$id}" data-speaker="{let $key := $who[1][. != ''] return
        if (exists($key) and map:contains($ed:cited-speakers, $key)) then $ed:cited-speakers($key)
        else ed:citable(ed:speaker-name(ed:speaker-key(.)))}"><xsl:value-of select="$ed:text-words?cite"/></a>
    </div>
  </xsl:template>

  <!-- Each registered speaker's name as a turn's cite link gives it (ed:citable of ed:speaker-name;
       a turn whose @who names no one registered asks for it itself), made once: every turn asks. -->
  <xsl:variable name="ed:cited-speakers" as="map(xs:string, xs:string)"
                select="map:merge(map:keys($ed:speaker-names) ! map:entry(., ed:citable(ed:speaker-name(.))))"/>

  <!-- a printed speaker label kept as a note before an utterance (ParlaMint, Parla-CLARIN) -->
  <xsl:template match="tei:note[@type = 'speaker'][following-sibling::*[1][self::tei:u]]" mode="html" priority="2">
    <p class="speaker" id="{ed:anchor(.)}">
      <xsl:call-template name="ed:speaker-label">
        <xsl:with-param name="who" select="ed:local-ids(following-sibling::*[1]/@who)"/>
      </xsl:call-template>
      <xsl:call-template name="ed:marks-after-link"/>
    </p>
  </xsl:template>

  <!-- Two characters printed alike ("Второй" the stranger, "Второй" the dandy) are told apart:
       after the label, the name of each in the register that differs from it, else their order.
       The labels printed for more than one speaker are found once, in one pass over the turns
       (label → the distinct `who`s, in order of first appearance). -->
  <xsl:variable name="ed:alike-labels" as="map(xs:string, xs:string*)">
    <xsl:map>
      <xsl:for-each-group select="$teis/tei:text//tei:sp[tei:speaker][@who]" group-by="ed:label(tei:speaker[1])">
        <xsl:variable name="who" select="distinct-values(current-group() ! string-join(ed:local-ids(@who), ' '))[. != '']"/>
        <xsl:if test="current-grouping-key() != '' and count($who) gt 1">
          <xsl:map-entry key="current-grouping-key()" select="$who"/>
        </xsl:if>
      </xsl:for-each-group>
    </xsl:map>
  </xsl:variable>

  <xsl:function name="ed:label" as="xs:string">
    <xsl:param name="speaker" as="element()"/>
    <xsl:sequence select="if (empty($speaker/*)) then normalize-space($speaker)
      else normalize-space(string-join($speaker//text()[not(ancestor::tei:note | ancestor::tei:sic | ancestor::tei:orig)]))"/>
  </xsl:function>

  <!-- What tells each speaker of a label printed alike apart (label → `who` → its qualifier),
       made once for each such label: the other name where it tells this one apart, else the
       order of first appearance. -->
  <xsl:variable name="ed:alike-qualifiers" as="map(xs:string, map(xs:string, xs:string))" select="map:merge(
    map:keys($ed:alike-labels) ! (let $label := ., $alike := $ed:alike-labels($label),
      $others := $alike ! ed:other-name(., $label) return map:entry($label, map:merge(
        for $mine in 1 to count($alike) return map:entry($alike[$mine],
          if ($others[$mine] != '' and count(index-of($others, $others[$mine])) eq 1) then $others[$mine]
          else string($mine))))))"/>

  <!-- A speaker's qualifier (ed:alike-qualifiers); '' for a `who` its label's group lacks (a
       turn's second label). -->
  <xsl:function name="ed:label-qualifier" as="xs:string?">
    <xsl:param name="speaker" as="element(tei:speaker)"/>
    <xsl:variable name="who" select="string-join(ed:local-ids($speaker/../@who), ' ')"/>
    <xsl:variable name="told" select="if ($who) then $ed:alike-qualifiers(ed:label($speaker)) else ()"/>
    <xsl:if test="exists($told)">
      <xsl:sequence select="($told($who), '')[1]"/>
    </xsl:if>
  </xsl:function>

  <!-- the first name in the register of the people a `who` names that is not the label printed -->
  <xsl:function name="ed:other-name" as="xs:string">
    <xsl:param name="who" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:sequence select="string-join(tokenize($who) ! normalize-space((key('ed:id', ., $root)[1]
      /(tei:persName, tei:name, tei:orgName)[normalize-space() ne $label])[1]), ', ')"/>
  </xsl:function>

  <xsl:template match="tei:speaker" mode="html">
    <p class="speaker">
      <xsl:call-template name="ed:speaker-label">
        <xsl:with-param name="who" select="ed:local-ids(parent::*/@who)"/>
      </xsl:call-template>
      <xsl:for-each select="if (map:size($ed:alike-labels) eq 0) then () else ed:label-qualifier(.)">
        <span class="who-qualifier"><xsl:value-of select="' (' || . || ')'"/></span>
      </xsl:for-each>
      <xsl:call-template name="ed:marks-after-link"/>
    </p>
  </xsl:template>

  <!-- The first of the people a `who` names who has an entry to link to, if any. -->
  <xsl:function name="ed:who-target" as="xs:string?">
    <xsl:param name="who" as="xs:string*"/>
    <xsl:sequence select="$who[map:contains($ed:register-href, .) or key('ed:id', ., $root)][1]"/>
  </xsl:function>

  <xsl:function name="ed:who-link" as="item()*">
    <xsl:param name="who" as="xs:string*"/>
    <xsl:param name="content" as="item()*"/>
    <xsl:variable name="target" select="ed:who-target($who)"/>
    <xsl:choose>
      <xsl:when test="exists($target)"><a href="{ed:person-href($target)}"><xsl:sequence select="$content"/></a></xsl:when>
      <xsl:otherwise><xsl:sequence select="$content"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- A printed label (speaker, or a note of type speaker) as a link to its speaker's entry
       (ed:who-target), else as it stands; written in place, not built and copied. -->
  <xsl:template name="ed:speaker-label">
    <xsl:param name="who" as="xs:string*"/>
    <xsl:variable name="target" select="ed:who-target($who)"/>
    <xsl:choose>
      <xsl:when test="exists($target)"><a href="{ed:person-href($target)}"><xsl:call-template name="ed:label-content"/></a></xsl:when>
      <xsl:otherwise><xsl:call-template name="ed:label-content"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ed:label-content">
    <xsl:apply-templates mode="html">
      <xsl:with-param name="inline" select="true()" tunnel="yes"/>
      <xsl:with-param name="in-link" select="true()" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template match="tei:stage | tei:kinesic | tei:vocal | tei:incident | tei:move | tei:set" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{ed:tag($inline, 'p')}">
      <xsl:attribute name="class" select="string-join(('stage', local-name(), @type ! ('stage-' || .)), ' ')"/>
      <xsl:if test="not($inline)"><xsl:attribute name="id" select="ed:anchor(.)"/></xsl:if>
      <xsl:apply-templates mode="html"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:desc" mode="html">
    <span class="desc"><xsl:apply-templates mode="html"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates></span>
  </xsl:template>

  <!-- ============================================================ documents, lists, tables, verse -->

  <xsl:template match="tei:floatingText" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{ed:tag($inline, 'blockquote')}">
      <xsl:attribute name="class" select="string-join(('document', @type ! ('type-' || .)), ' ')"/>
      <xsl:apply-templates mode="html"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:list | tei:listBibl | tei:castList | tei:castGroup" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:apply-templates select="tei:head" mode="html"/>
    <xsl:element name="{ed:tag($inline, if (@type = 'ordered') then 'ol' else 'ul')}">
      <!-- items that print their own numbers (item/@n) are not numbered twice -->
      <xsl:attribute name="class" select="string-join(('list', local-name(), @type,
        if (tei:item and not(tei:item[not(@n)])) then 'numbered' else ()), ' ')"/>
      <xsl:apply-templates select="node() except tei:head" mode="html">
        <xsl:with-param name="inline" select="false()" tunnel="yes"/>
        <xsl:with-param name="in-list" select="not($inline)" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- a group of a cast list is an item of the list: its heading and its own list inside an li -->
  <xsl:template match="tei:castList/tei:castGroup" mode="html" priority="1">
    <li class="castGroup-item"><xsl:next-match/></li>
  </xsl:template>

  <xsl:template match="tei:item | tei:castItem | tei:bibl[parent::tei:listBibl]" mode="html">
    <xsl:param name="in-list" as="xs:boolean" select="true()" tunnel="yes"/>
    <xsl:element name="{if ($in-list) then 'li' else 'span'}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:attribute name="id" select="ed:anchor(.)"/>
      <xsl:apply-templates mode="html"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:label" mode="html">
    <span class="label"><xsl:apply-templates mode="html"/></span>
  </xsl:template>

  <xsl:template match="tei:table" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$inline">
        <span class="table"><xsl:apply-templates mode="html"/></span>
      </xsl:when>
      <xsl:otherwise>
        <div class="table-wrap">
          <table>
            <xsl:if test="tei:head"><caption><xsl:apply-templates select="tei:head/node()" mode="html"/></caption></xsl:if>
            <tbody><xsl:apply-templates select="node() except tei:head" mode="html"/></tbody>
          </table>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:row" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{ed:tag($inline, 'tr')}">
      <xsl:attribute name="id" select="ed:anchor(.)"/>
      <xsl:apply-templates mode="html"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:cell" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{ed:tag($inline, if (@role = 'label' or ../@role = 'label') then 'th' else 'td')}">
      <xsl:if test="not($inline) and @cols castable as xs:integer"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
      <xsl:if test="not($inline) and @rows castable as xs:integer"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
      <xsl:apply-templates mode="html"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:lg" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{ed:tag($inline, 'div')}">
      <xsl:attribute name="class" select="'lg'"/>
      <xsl:apply-templates mode="html"/>
    </xsl:element>
  </xsl:template>

  <!-- A line of verse; every fifth is numbered in the margin: by its @n where that is a number,
       else by its place in its division (counted from 1 in each division, ed:line). -->
  <xsl:template match="tei:l" mode="html">
    <xsl:variable name="n" select="ed:line-number(.)"/>
    <span class="l" id="{ed:anchor(.)}">
      <xsl:if test="$n mod 5 = 0">
        <span class="l-n" aria-hidden="true"><xsl:value-of select="$n"/></span>
      </xsl:if>
      <xsl:apply-templates mode="html"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
    </span>
  </xsl:template>

  <xsl:accumulator name="ed:line" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4" select="0"/>
    <xsl:accumulator-rule match="tei:l" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:function name="ed:line-number" as="xs:integer?">
    <xsl:param name="l" as="element(tei:l)"/>
    <xsl:sequence select="if (normalize-space($l/@n) castable as xs:integer) then xs:integer(normalize-space($l/@n))
      else if ($l/@n) then () else $l/accumulator-before('ed:line')"/>
  </xsl:function>

  <!-- front and back matter pieces, letters and closers: blocks with a class -->
  <xsl:template match="tei:titlePage | tei:docTitle | tei:opener | tei:closer | tei:epigraph | tei:argument
                       | tei:postscript | tei:trailer | tei:byline | tei:docAuthor | tei:docImprint | tei:docDate
                       | tei:titlePart | tei:dateline | tei:salute | tei:signed | tei:sp/tei:l[false()]"
                mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{ed:tag($inline, 'div')}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:apply-templates mode="html"/>
    </xsl:element>
  </xsl:template>

  <!-- a register in the body (a register file): people and bodies as a list -->
  <!-- a register list in another (relations among events) is an item of it, as HTML wants -->
  <xsl:template match="tei:listPerson | tei:listOrg | tei:listPlace | tei:listEvent | tei:listRelation" mode="html">
    <xsl:variable name="list">
      <ul class="{local-name()}"><xsl:apply-templates mode="html"><xsl:with-param name="in-list" select="true()" tunnel="yes"/></xsl:apply-templates></ul>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="parent::tei:listPerson | parent::tei:listOrg | parent::tei:listPlace | parent::tei:listEvent
                      | parent::tei:listRelation"><li class="sublist"><xsl:sequence select="$list"/></li></xsl:when>
      <xsl:otherwise><xsl:sequence select="$list"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:person | tei:org | tei:place | tei:event | tei:relation | tei:personGrp" mode="html">
    <li class="{local-name()}"><xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates mode="html"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates></li>
  </xsl:template>

  <!-- ============================================================ notes -->

  <!--
    An editorial mark (a note, a correction, a lacuna): a button in the text and the words it stands
    for, a popover right after it. Wide screens show the words in the margin beside their line (the
    stylesheet floats them there, the script makes the button lead to them); narrow ones open them
    next to their mark. Both are reached by keyboard and touch; Escape closes.
  -->
  <xsl:template name="ed:mark">
    <xsl:param name="kind" as="xs:string"/>           <!-- note, corr, gap -->
    <xsl:param name="id" as="xs:string"/>             <!-- the words' id -->
    <xsl:param name="ref-id" as="xs:string?" select="()"/>
    <xsl:param name="sign" as="xs:string"/>           <!-- what the button shows -->
    <xsl:param name="label" as="xs:string"/>          <!-- what it is called -->
    <xsl:param name="classes" as="xs:string*" select="()"/>
    <xsl:param name="content" as="item()*"/>
    <button type="button" class="{string-join(('mark', $kind || '-ref', $classes), ' ')}" popovertarget="{$id}" aria-label="{$label}">
      <xsl:if test="$ref-id"><xsl:attribute name="id" select="$ref-id"/></xsl:if>
      <xsl:value-of select="$sign"/>
    </button>
    <span class="{string-join(('note-pop', 'side', $kind || '-pop', $classes), ' ')}" id="{$id}" popover="auto" role="note" tabindex="-1">
      <xsl:sequence select="$content"/>
    </span>
  </xsl:template>

  <!-- A note inside running text: a numbered mark (ed:mark). Inside a link, where a button may not
       go, it is left out here and written after the link (tei:speaker, tei:ref). -->
  <xsl:template match="tei:note" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="id" select="ed:anchor(.)"/>
    <xsl:variable name="n" select="accumulator-before('ed:note')"/>
    <xsl:variable name="classes" select="string-join(('note', @type ! ('note-' || .),
      if (@resp or @type = 'editorial') then 'editorial' else ()), ' ')"/>
    <xsl:choose>
      <xsl:when test="$in-link"/>
      <xsl:when test="$inline">
        <!-- the shape of ed:mark, built in place: a note's content is not copied through a parameter -->
        <button type="button" class="mark note-ref {$classes}" id="ref-{$id}" popovertarget="{$id}"
                aria-label="{ed:msg('note', ., string($n))}"><xsl:value-of select="$n"/></button>
        <span class="note-pop side note-pop {$classes}" id="{$id}" popover="auto" role="note" tabindex="-1">
          <span class="note-n"><xsl:value-of select="$n"/>. </span>
          <xsl:apply-templates mode="html"/>
          <xsl:text> </xsl:text><a href="notes.html#list-{$id}"><xsl:value-of select="$ed:text-words?all-notes"/></a>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <aside class="{$classes}" id="{$id}" aria-label="{ed:msg('note', ., string($n))}">
          <span id="ref-{$id}"></span>
          <xsl:apply-templates mode="html"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
        </aside>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The marks of the notes, corrections and lacunae of an element written as a link, after the
       link (a button may not go inside one). -->
  <xsl:template name="ed:marks-after-link">
    <xsl:variable name="link" select="."/>
    <!-- a note's own corrections come with the note -->
    <xsl:for-each select=".//(tei:note | tei:choice | tei:gap)[empty(ancestor::tei:note intersect $link//tei:note)]">
      <xsl:choose>
        <xsl:when test="self::tei:note">
          <xsl:apply-templates select="." mode="html">
            <xsl:with-param name="inline" select="true()" tunnel="yes"/>
            <xsl:with-param name="in-link" select="false()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:when test="self::tei:choice">
          <!-- after a link, the mark carries the correction's anchor (the readings are inside the link) -->
          <xsl:variable name="id" select="ed:anchor(.)"/>
          <span class="choice-mark" id="{$id}">
            <xsl:apply-templates select="." mode="ed:mark"><xsl:with-param name="id" select="$id"/></xsl:apply-templates>
          </span>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="." mode="ed:mark"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- ============================================================ editorial phrases -->

  <xsl:mode name="ed:mark" on-no-match="fail"/>

  <!-- A lacuna: its sign is a mark (ed:mark) whose words say what is missing and why; inside a
       link, the sign alone, the mark after the link. -->
  <xsl:template match="tei:gap" mode="html">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$in-link"><span class="gap editorial" aria-hidden="true">⟨…⟩</span></xsl:when>
      <xsl:otherwise><xsl:apply-templates select="." mode="ed:mark"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:gap" mode="ed:mark">
    <xsl:variable name="id" select="ed:anchor(.)"/>
    <xsl:variable name="label" select="ed:gap-label(.)"/>
    <span class="gap editorial" id="{$id}">
      <xsl:call-template name="ed:mark">
        <xsl:with-param name="kind" select="'gap'"/>
        <xsl:with-param name="id" select="'pop-' || $id"/>
        <xsl:with-param name="sign" select="'⟨…⟩'"/>
        <xsl:with-param name="label" select="$label"/>
        <xsl:with-param name="content" select="$label"/>
      </xsl:call-template>
    </span>
  </xsl:template>

  <!-- A correction: both readings, the view switch shows one; its mark (ed:mark) tells what was
       changed, in the reading and as printed (inside a link, the mark comes after the link). -->
  <xsl:template match="tei:choice" mode="html">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <span class="choice">
      <xsl:choose>
        <xsl:when test="$in-link"><xsl:apply-templates select="*" mode="html"/></xsl:when>
        <xsl:otherwise>
          <xsl:variable name="id" select="ed:anchor(.)"/>
          <xsl:attribute name="id" select="$id"/>
          <xsl:apply-templates select="*" mode="html"/>
          <xsl:apply-templates select="." mode="ed:mark"><xsl:with-param name="id" select="$id"/></xsl:apply-templates>
        </xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <xsl:template match="tei:choice" mode="ed:mark">
    <xsl:param name="id" as="xs:string" select="ed:anchor(.)"/>
    <!-- who corrected it, by name (a register entry, or the name in the header that @resp points to) -->
    <xsl:variable name="by" select="string-join(ed:local-ids(tei:corr/@resp) ! key('ed:id', ., $root)[1]
      ! (if (self::tei:person | self::tei:personGrp | self::tei:org) then ed:person-name(.) else normalize-space()), ', ')"/>
    <xsl:variable name="label" select="if ($by) then ed:msg('correction.by', ., (ed:correction-words(.), $by)) else ed:correction-words(.)"/>
    <xsl:call-template name="ed:mark">
      <xsl:with-param name="kind" select="'corr'"/>
      <xsl:with-param name="id" select="'pop-' || $id"/>
      <xsl:with-param name="sign" select="'°'"/>
      <xsl:with-param name="label" select="$label"/>
      <xsl:with-param name="content" select="$label"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Every correction's words (ed:correction-label), made once for both the marks in the text and
       the list on the notes page; a correction elsewhere (in the header) is asked itself. -->
  <xsl:variable name="ed:correction-labels" as="map(xs:string, xs:string)"
                select="map:merge($teis/tei:text//tei:choice ! map:entry(generate-id(), ed:correction-label(.)))"/>

  <xsl:function name="ed:correction-words" as="xs:string">
    <xsl:param name="choice" as="element(tei:choice)"/>
    <xsl:sequence select="($ed:correction-labels(generate-id($choice)), ed:correction-label($choice))[1]"/>
  </xsl:function>

  <xsl:template match="tei:sic | tei:orig | tei:abbr" mode="html">
    <span class="sic"><xsl:apply-templates mode="html"/></span>
  </xsl:template>
  <xsl:template match="tei:corr | tei:reg | tei:expan" mode="html">
    <span class="corr"><xsl:apply-templates mode="html"/></span>
  </xsl:template>

  <xsl:template match="tei:supplied | tei:add | tei:del | tei:unclear | tei:damage | tei:surplus | tei:restore
                       | tei:subst | tei:mod" mode="html">
    <span class="{local-name()}"><xsl:apply-templates mode="html"/></span>
  </xsl:template>

  <xsl:template match="tei:ellipsis" mode="html">
    <span class="ellipsis" title="{$ed:text-words?ellipsis}"><xsl:apply-templates mode="html"/></span>
  </xsl:template>
  <xsl:template match="tei:metamark" mode="html">
    <span class="metamark"><xsl:apply-templates mode="html"/></span>
  </xsl:template>

  <!-- ============================================================ phrases -->

  <xsl:template match="tei:q | tei:quote | tei:said" mode="html">
    <span class="{string-join(('q', local-name(), @type), ' ')}">
      <xsl:if test="@who"><xsl:attribute name="data-who" select="ed:local-ids(@who)"/></xsl:if>
      <xsl:apply-templates mode="html"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
    </span>
  </xsl:template>

  <xsl:template match="tei:persName | tei:orgName | tei:name | tei:placeName | tei:rs | tei:roleName
                       | tei:forename | tei:surname | tei:addName | tei:genName | tei:affiliation" mode="html">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="target" select="ed:local-ids(@ref)[key('ed:id', ., $root)/(self::tei:person | self::tei:org)][1]"/>
    <xsl:choose>
      <xsl:when test="$target and not($in-link)">
        <a class="name {local-name()}" href="{ed:person-href($target)}">
          <xsl:apply-templates mode="html"><xsl:with-param name="in-link" select="true()" tunnel="yes"/></xsl:apply-templates>
        </a>
        <xsl:call-template name="ed:marks-after-link"/>
      </xsl:when>
      <xsl:otherwise>
        <span class="name {local-name()}"><xsl:apply-templates mode="html"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:ref | tei:ptr" mode="html">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="url" select="ed:safe-url(tokenize(normalize-space(@target))[1])"/>
    <xsl:variable name="href" select="if (starts-with($url, '#')) then ed:local-href(substring($url, 2)) else $url"/>
    <xsl:choose>
      <xsl:when test="$href and not($in-link)">
        <a class="ref" href="{$href}">
          <xsl:if test="matches($href, '^https?:')"><xsl:attribute name="rel" select="'noopener noreferrer'"/></xsl:if>
          <xsl:apply-templates mode="html"><xsl:with-param name="in-link" select="true()" tunnel="yes"/></xsl:apply-templates>
          <xsl:if test="self::tei:ptr"><xsl:value-of select="$href"/></xsl:if>
        </a>
        <xsl:call-template name="ed:marks-after-link"/>
      </xsl:when>
      <xsl:otherwise>
        <span class="ref {@type}"><xsl:apply-templates mode="html"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a pointer to an element of this document, as a link to the page it is on -->
  <xsl:function name="ed:local-href" as="xs:string?">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="target" select="key('ed:id', $id, $root)[1]"/>
    <xsl:sequence select="if ($target/ancestor::tei:text) then ed:page-of($target) || '#' || $id
      else if ($target/(self::tei:person | self::tei:org)) then ed:person-href($id) else ()"/>
  </xsl:function>

  <xsl:template match="tei:measure | tei:num | tei:date | tei:time | tei:geo | tei:unit" mode="html">
    <xsl:choose>
      <xsl:when test="@type = 'vote'">
        <data class="vote-count vote-{@subtype}" value="{(@quantity, @min)[1]}"
              title="{ed:vote-label(., string((@quantity, @min || '–' || @max)[1]))}"><xsl:apply-templates mode="html"/></data>
      </xsl:when>
      <xsl:otherwise>
        <span class="{local-name()}"><xsl:apply-templates mode="html"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:hi | tei:emph | tei:foreign | tei:term | tei:soCalled | tei:mentioned | tei:title
                       | tei:gloss | tei:distinct | tei:seg | tei:w | tei:pc | tei:c | tei:orig[not(parent::tei:choice)]
                       | tei:idno | tei:bibl | tei:author | tei:editor | tei:publisher | tei:pubPlace
                       | tei:biblScope | tei:roleDesc | tei:role | tei:sex | tei:birth | tei:death | tei:occupation
                       | tei:residence | tei:state | tei:trait | tei:catDesc | tei:s | tei:phr | tei:cl" mode="html">
    <xsl:variable name="rend" select="string(@rend)"/>
    <xsl:element name="{if (matches($rend, 'italic')) then 'i' else if (matches($rend, 'bold')) then 'b'
      else if (matches($rend, 'sup')) then 'sup' else if (matches($rend, 'sub')) then 'sub'
      else if (self::tei:emph) then 'em' else if (self::tei:title) then 'cite' else 'span'}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates mode="html"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:lb" mode="html">
    <br class="lb"/>
  </xsl:template>
  <!--
    A page break: its number in brackets. Where the page has an image (pb/@facs: a URL, or a pointer
    to a surface or graphic of the facsimile), the number links to it; an image beside the site
    (a relative URL) is also shown beside its page, in the margin on wide screens. An http(s) image
    is only linked, never loaded by the page; any other URL (ed:safe-url) is dropped. The toolkit
    never reads the image: it is the publisher's to put beside the site.
  -->
  <xsl:template match="tei:pb" mode="html">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="url" select="ed:facs-url(.)"/>
    <xsl:variable name="label" select="ed:msg('page', ., string((@n, '')[1]))"/>
    <xsl:choose>
      <xsl:when test="$url and not($in-link)">
        <a class="pb facs-link" href="{$url}" aria-label="{ed:msg('facsimile', ., string((@n, '')[1]))}">
          <xsl:if test="matches($url, '^https?:')"><xsl:attribute name="rel" select="'noopener noreferrer'"/></xsl:if>
          <xsl:value-of select="'[' || (@n, '⎘')[1] || ']'"/>
        </a>
        <xsl:if test="not(matches($url, '^[a-zA-Z][a-zA-Z0-9+.\-]*:'))">
          <span class="facs side"><img src="{$url}" loading="lazy" alt="{ed:msg('facsimile', ., string((@n, '')[1]))}"/></span>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <span class="pb"><span aria-hidden="true">[<xsl:value-of select="(@n, '…')[1]"/>]</span><span class="sr-only"><xsl:value-of select="$label"/></span></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the image of a page: pb/@facs as a URL, or as a pointer to a surface or graphic of the
       document's facsimile; only a safe URL (ed:safe-url) -->
  <xsl:function name="ed:facs-url" as="xs:string?">
    <xsl:param name="pb" as="element()"/>
    <xsl:variable name="facs" select="tokenize(normalize-space($pb/@facs))[1]"/>
    <xsl:variable name="target" select="if (starts-with($facs, '#')) then key('ed:id', substring($facs, 2), $root)[1] else ()"/>
    <xsl:sequence select="ed:safe-url(if (starts-with($facs, '#'))
      then ($target/self::tei:graphic/@url, $target/descendant::tei:graphic[1]/@url, $target/@facs)[1] else $facs)"/>
  </xsl:function>
  <xsl:template match="tei:cb | tei:milestone | tei:anchor | tei:space | tei:caesura" mode="html">
    <span class="{local-name()}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
    </span>
  </xsl:template>

  <!-- The points in time the transcript's written times point at (edition/encode/timeline.py):
       data, no text; the times themselves are shown where they are written. -->
  <xsl:template match="tei:timeline" mode="html"/>

  <!-- A control character of the transcript, kept by code point: shown as its code. -->
  <xsl:template match="tei:g" mode="html">
    <span class="g" title="{(@n, $ed:text-words?glyph)[1]}"><xsl:value-of select="if (normalize-space()) then string() else '⍰'"/></span>
  </xsl:template>

  <xsl:template match="tei:figure" mode="html">
    <span class="figure"><xsl:apply-templates mode="html"/></span>
  </xsl:template>
  <xsl:template match="tei:graphic | tei:media" mode="html">
    <xsl:variable name="url" select="ed:safe-url(@url)"/>
    <xsl:if test="$url"><a class="graphic" href="{$url}"><xsl:value-of select="$ed:text-words?image"/></a></xsl:if>
  </xsl:template>

  <!-- ============================================================ the view switch -->

  <!--
    Whether the text of these nodes, rendered by the rules above, shows a correction (span.choice)
    or a line break (br.lb): the page then offers the reading and the printed view (ed:frame).
    Asked of the source, so that the page is written as it is made: a tei:choice or tei:lb is
    shown unless it lies inside an element whose rule does not render its content as markup
    (ed:hides-content). tests/test_html.py checks the answer against the rendered page for a
    choice and a line break inside every element these rules name.
  -->
  <xsl:function name="ed:shows-readings" as="xs:boolean">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:sequence select="exists($nodes/descendant-or-self::*[self::tei:choice or self::tei:lb]
      [not(ancestor-or-self::*[ed:hides-content(.)])])"/>
  </xsl:function>

  <!-- The elements whose rule renders no content of theirs as markup, or only some children: furniture,
       a lacuna (its label), a page or column break, a milestone, an anchor, a space, a timeline,
       a glyph (its text), an image; in a collation, what is not a reading of an app, the
       witnesses and the marks of a fragmentary witness. -->
  <xsl:function name="ed:hides-content" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::tei:fw or self::tei:gap or self::tei:pb or self::tei:cb or self::tei:milestone
      or self::tei:anchor or self::tei:space or self::tei:caesura or self::tei:timeline or self::tei:g
      or self::tei:graphic or self::tei:media or self::tei:witness or self::tei:witStart or self::tei:witEnd
      or self::tei:lacunaStart or self::tei:lacunaEnd
      or (parent::tei:app and not(self::tei:lem or self::tei:rdg))
      or (parent::tei:listWit and not(self::tei:witness))])"/>
  </xsl:function>

  <!-- ============================================================ the one fallback -->

  <xsl:template match="*" mode="html" priority="-10">
    <xsl:message select="'W401 no HTML rule for &lt;' || name() || '&gt;; its content is shown in a plain span'"/>
    <span class="tei-unknown" data-tei="{local-name()}">
      <xsl:apply-templates mode="html"/>
    </span>
  </xsl:template>

</xsl:stylesheet>
