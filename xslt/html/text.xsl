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
    <xsl:element name="{ed:tag($inline, if (.//(tei:p | tei:list | tei:table | tei:floatingText | tei:lg | tei:sp)) then 'div' else 'p')}">
      <xsl:attribute name="class" select="string-join($classes, ' ')"/>
      <xsl:attribute name="id" select="ed:anchor(.)"/>
      <xsl:if test="contains(@ana, '#vote')"><span class="badge" aria-label="Vote">Vote</span><xsl:text> </xsl:text></xsl:if>
      <xsl:apply-templates mode="html"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
      <xsl:if test="not($inline)"><xsl:text> </xsl:text><a class="cite" href="#{ed:anchor(.)}" aria-label="Link to this paragraph">¶</a></xsl:if>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:fw" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{ed:tag($inline, 'p')}">
      <xsl:attribute name="class" select="'fw'"/>
      <xsl:apply-templates mode="html"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- ============================================================ turns -->

  <xsl:template match="tei:sp | tei:u" mode="html">
    <xsl:variable name="who" select="ed:local-ids(@who)"/>
    <div class="sp{if (contains(@ana, '#reported')) then ' reported' else ''}" id="{ed:anchor(.)}" data-who="{$who}">
      <xsl:if test="self::tei:u and @who">
        <p class="speaker inferred"><xsl:sequence select="ed:who-link($who, string-join($who ! ed:name-of(.), ', '))"/></p>
      </xsl:if>
      <xsl:apply-templates mode="html"/>
      <a class="cite turn-cite" href="#{ed:anchor(.)}" data-speaker="{ed:citable(ed:speaker-name(ed:speaker-key(.)))}">cite</a>
    </div>
  </xsl:template>

  <xsl:template match="tei:speaker" mode="html">
    <p class="speaker">
      <xsl:variable name="content" as="node()*">
        <xsl:apply-templates mode="html">
          <xsl:with-param name="inline" select="true()" tunnel="yes"/>
          <xsl:with-param name="in-link" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:variable>
      <xsl:sequence select="ed:who-link(ed:local-ids(parent::*/@who), $content)"/>
    </p>
  </xsl:template>

  <xsl:function name="ed:who-link" as="item()*">
    <xsl:param name="who" as="xs:string*"/>
    <xsl:param name="content" as="item()*"/>
    <xsl:choose>
      <xsl:when test="exists($who[key('ed:id', ., $root)])">
        <a href="people.html#{$who[key('ed:id', ., $root)][1]}"><xsl:sequence select="$content"/></a>
      </xsl:when>
      <xsl:otherwise><xsl:sequence select="$content"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

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

  <xsl:template match="tei:l" mode="html">
    <span class="l" id="{ed:anchor(.)}"><xsl:apply-templates mode="html"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates></span>
  </xsl:template>

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
  <xsl:template match="tei:listPerson | tei:listOrg | tei:listPlace | tei:listEvent | tei:listRelation" mode="html">
    <ul class="{local-name()}"><xsl:apply-templates mode="html"><xsl:with-param name="in-list" select="true()" tunnel="yes"/></xsl:apply-templates></ul>
  </xsl:template>
  <xsl:template match="tei:person | tei:org | tei:place | tei:event | tei:relation | tei:personGrp" mode="html">
    <li class="{local-name()}"><xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates mode="html"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates></li>
  </xsl:template>

  <!-- ============================================================ notes -->

  <!-- A note inside running text: a numbered button and an accessible popover (keyboard, touch). -->
  <xsl:template match="tei:note" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="id" select="ed:anchor(.)"/>
    <xsl:variable name="n" select="accumulator-before('ed:note')"/>
    <xsl:variable name="classes" select="string-join(('note', @type ! ('note-' || .),
      if (@resp or @type = 'editorial') then 'editorial' else ()), ' ')"/>
    <xsl:choose>
      <xsl:when test="$inline">
        <button type="button" class="note-ref {$classes}" id="ref-{$id}" popovertarget="{$id}"
                aria-label="Note {$n}"><xsl:value-of select="$n"/></button>
        <span class="note-pop {$classes}" id="{$id}" popover="auto" role="note">
          <span class="note-n"><xsl:value-of select="$n"/>. </span>
          <xsl:apply-templates mode="html"/>
          <xsl:text> </xsl:text><a href="notes.html#list-{$id}">all notes</a>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <aside class="{$classes}" id="{$id}" aria-label="Note {$n}">
          <span id="ref-{$id}"></span>
          <xsl:apply-templates mode="html"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
        </aside>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ editorial phrases -->

  <!-- A lacuna: visible, its reason on hover and for screen readers. -->
  <xsl:template match="tei:gap" mode="html">
    <xsl:variable name="label" select="ed:gap-label(.)"/>
    <span class="gap editorial" id="{ed:anchor(.)}" title="{$label}" tabindex="0">
      <span aria-hidden="true">⟨…⟩</span><span class="sr-only"><xsl:value-of select="$label"/></span>
    </span>
  </xsl:template>

  <!-- A correction: both readings, the view switch shows one; a popover tells what was changed
       (inside a link, where a button may not go, the same words are its title). -->
  <xsl:template match="tei:choice" mode="html">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="id" select="ed:anchor(.)"/>
    <span class="choice" id="{$id}">
      <xsl:if test="$in-link"><xsl:attribute name="title" select="ed:correction-label(.)"/></xsl:if>
      <xsl:apply-templates select="*" mode="html"/>
      <xsl:if test="not($in-link)">
      <button type="button" class="corr-ref editorial" popovertarget="pop-{$id}" aria-label="About this correction">°</button>
      <span class="note-pop corr-pop" id="pop-{$id}" popover="auto" role="note">
        <xsl:value-of select="ed:correction-label(.)"/>
        <xsl:if test="tei:corr/@resp"><xsl:value-of select="' — ' || string-join(ed:local-ids(tei:corr/@resp) ! ed:name-of(.), ', ')"/></xsl:if>
      </span>
      </xsl:if>
    </span>
  </xsl:template>

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
    <span class="ellipsis" title="Omission marked in the source"><xsl:apply-templates mode="html"/></span>
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
      <xsl:when test="$target and not($in-link) and not(.//tei:note)">
        <a class="name {local-name()}" href="people.html#{$target}">
          <xsl:apply-templates mode="html"><xsl:with-param name="in-link" select="true()" tunnel="yes"/></xsl:apply-templates>
        </a>
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
      else if ($target/(self::tei:person | self::tei:org)) then 'people.html#' || $id else ()"/>
  </xsl:function>

  <xsl:template match="tei:measure | tei:num | tei:date | tei:time | tei:geo | tei:unit" mode="html">
    <xsl:choose>
      <xsl:when test="@type = 'vote'">
        <data class="vote-count vote-{@subtype}" value="{(@quantity, @min)[1]}"
              title="{(@quantity, @min || '–' || @max)[1]} {ed:vote-label(@subtype)}"><xsl:apply-templates mode="html"/></data>
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
  <xsl:template match="tei:pb" mode="html">
    <span class="pb" aria-label="page {@n}">[<xsl:value-of select="(@n, 'page')[1]"/>]</span>
  </xsl:template>
  <xsl:template match="tei:cb | tei:milestone | tei:anchor | tei:space | tei:caesura" mode="html">
    <span class="{local-name()}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
    </span>
  </xsl:template>

  <!-- A control character of the transcript, kept by code point: shown as its code. -->
  <xsl:template match="tei:g" mode="html">
    <span class="g" title="{(@n, 'glyph')[1]}"><xsl:value-of select="if (normalize-space()) then string() else '⍰'"/></span>
  </xsl:template>

  <xsl:template match="tei:figure" mode="html">
    <span class="figure"><xsl:apply-templates mode="html"/></span>
  </xsl:template>
  <xsl:template match="tei:graphic | tei:media" mode="html">
    <xsl:variable name="url" select="ed:safe-url(@url)"/>
    <xsl:if test="$url"><a class="graphic" href="{$url}">image</a></xsl:if>
  </xsl:template>

  <!-- ============================================================ the one fallback -->

  <xsl:template match="*" mode="html" priority="-10">
    <xsl:message select="'W401 no HTML rule for &lt;' || name() || '&gt;; its content is shown in a plain span'"/>
    <span class="tei-unknown" data-tei="{local-name()}">
      <xsl:apply-templates mode="html"/>
    </span>
  </xsl:template>

</xsl:stylesheet>
