<?xml version="1.0" encoding="UTF-8"?>
<!--
  The print edition as paged-media HTML + CSS, laid out by WeasyPrint (edition/render/pdf.py).

  Parameters (all optional):
    page-size   xs:string  CSS page size: 'A4' (default), 'Letter', 'A5', or any CSS size
    margins     xs:string  CSS margins of the text block, default '22mm 20mm 24mm 20mm'
    index       xs:string  the speaker index as XML (from the first layout pass), '' for none:
                           <index><person id=".."><page n="12" anchor="turn-3"/>…</person></index>
    css         xs:string  file name of the print stylesheet, default 'print.css'

  The reading text is the HTML edition's (xslt/html/text.xsl, imported); this file changes only
  what paper needs: notes become footnotes numbered 1, 2, 3…; OCR corrections a separate,
  lettered apparatus (a, b, … aa) at the foot of the page, so the reading text stays clean;
  lacunae a sign; names and labels plain text; turns keep their anchors for the index.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:import href="../html/text.xsl"/>
  <xsl:include href="../common/functions.xsl"/>
  <xsl:include href="../common/document.xsl"/>

  <!-- CSS page size: 'A4' (default), 'letter', 'A5', or any CSS size. -->
  <xsl:param name="page-size" as="xs:string" select="'A4'"/>
  <!-- CSS margins of the text block (top right bottom left). -->
  <xsl:param name="margins" as="xs:string" select="'22mm 20mm 24mm 20mm'"/>
  <!-- The speaker index as XML from the first layout pass, '' for none: <index><person
       id=".."><page n="12" anchor="turn-3"/>…</person></index>. -->
  <xsl:param name="index" as="xs:string" select="''"/>
  <!-- File name of the print stylesheet, beside the paged HTML (xslt/print/assets/). -->
  <xsl:param name="css" as="xs:string" select="'print.css'"/>

  <xsl:global-context-item use="required"/>
  <xsl:mode use-accumulators="#all" on-no-match="fail"/>
  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"/>

  <!-- In one printed document every local target is on "this page". -->
  <xsl:function name="ed:page-of" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="''"/>
  </xsl:function>

  <!-- A CSS string literal of any text: every character that could end the string, the
       declaration or the <style> element (quotes, backslash, < > &, braces, semicolon, line ends and
       other controls) is written as a CSS hex escape ('\3c ' for '<'), so the text stays one string. -->
  <xsl:function name="ed:css-string" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="'&quot;' || string-join(string-to-codepoints(normalize-space($text)) !
      (if (. = (34, 38, 39, 59, 60, 62, 92, 123, 125) or . lt 32 or (. ge 127 and . lt 160) or . = (8232, 8233))
       then '\' || ed:hex(.) || ' ' else codepoints-to-string(.))) || '&quot;'"/>
  </xsl:function>

  <xsl:function name="ed:hex" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="(if ($n ge 16) then ed:hex($n idiv 16) else '')
      || substring('0123456789abcdef', $n mod 16 + 1, 1)"/>
  </xsl:function>

  <!-- A CSS value from a parameter (page size, margins): kept if it is made of letters, digits,
       '.', '%', '-' and spaces only (it cannot leave its declaration), else the default. -->
  <xsl:function name="ed:css-value" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:param name="default" as="xs:string"/>
    <xsl:sequence select="if (matches($value, '^[A-Za-z0-9.% \-]{1,80}$')) then $value else $default"/>
  </xsl:function>

  <xsl:variable name="index-doc" select="if ($index) then parse-xml($index) else ()"/>

  <!-- ============================================================ the book -->

  <xsl:template match="/">
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <title><xsl:value-of select="$title"/></title>
        <meta name="author" content="{string-join(($header//tei:titleStmt/tei:author, $header//tei:titleStmt/tei:editor) ! normalize-space(), '; ')}"/>
        <meta name="description" content="{($subtitle, 'A TEI edition')[1]}"/>
        <meta name="keywords" content="{string-join(distinct-values(($teis/tei:text//tei:div/@type ! string(), 'TEI', 'edition')), ', ')}"/>
        <meta name="generator" content="edition (TEI toolkit)"/>
        <link rel="stylesheet" href="{ed:file-name(replace($css, '\.css$', ''), 'css')}"/>
        <style>@page { size: <xsl:value-of select="ed:css-value($page-size, 'A4')"/>; margin: <xsl:value-of select="ed:css-value($margins, '22mm 20mm 24mm 20mm')"/>;
          @top-left { content: <xsl:value-of select="ed:css-string($short-title)"/>; } }</style>
      </head>
      <body>
        <xsl:call-template name="ed:title-leaf"/>
        <xsl:call-template name="ed:introduction"/>
        <xsl:call-template name="ed:contents"/>
        <xsl:for-each select="$parts">
          <section class="part" id="{?id}">
            <xsl:if test="not(?nodes[self::tei:div])">
              <h1 class="part-title"><xsl:value-of select="?title"/></h1>
            </xsl:if>
            <xsl:apply-templates select="?nodes" mode="html"/>
          </section>
        </xsl:for-each>
        <xsl:if test="$index-doc">
          <xsl:call-template name="ed:speaker-index"/>
        </xsl:if>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="ed:title-leaf">
    <section class="title-leaf">
      <h1 class="book-title"><xsl:value-of select="$title"/></h1>
      <xsl:if test="$subtitle"><p class="subtitle"><xsl:value-of select="$subtitle"/></p></xsl:if>
      <xsl:for-each select="$header//tei:titleStmt/tei:author"><p class="author"><xsl:value-of select="normalize-space()"/></p></xsl:for-each>
      <div class="imprint">
        <xsl:for-each select="$header//tei:titleStmt/tei:respStmt">
          <p><xsl:value-of select="string-join(tei:resp ! normalize-space(), ', ')"/>: <xsl:value-of select="string-join(tei:name ! normalize-space(), ', ')"/></p>
        </xsl:for-each>
        <xsl:for-each select="$header//tei:editionStmt"><p><xsl:value-of select="normalize-space()"/></p></xsl:for-each>
        <p><xsl:value-of select="string-join(($header//tei:publicationStmt/(tei:publisher, tei:pubPlace, tei:date)) ! normalize-space(), ', ')"/></p>
        <p><xsl:value-of select="normalize-space(string-join($header//tei:availability//text(), ' '))"/></p>
        <xsl:for-each select="$header//tei:sourceDesc/tei:bibl[1]"><p class="source">Source: <xsl:value-of select="normalize-space()"/></p></xsl:for-each>
      </div>
    </section>
  </xsl:template>

  <xsl:template name="ed:introduction">
    <section class="introduction" id="introduction">
      <h1>Editorial introduction</h1>
      <xsl:for-each select="$header//tei:projectDesc/tei:p, $header//tei:editorialDecl//tei:p">
        <p><xsl:apply-templates mode="html"/></p>
      </xsl:for-each>
      <h2>Signs used in this edition</h2>
      <table class="signs">
        <tr><th>⟨…⟩</th><td>a lacuna: text lost, missing or broken off; the footnote says why</td></tr>
        <tr><th>1, 2, 3</th><td>notes, at the foot of the page</td></tr>
        <tr><th>a, b, c</th><td>corrections of the source’s misprints, at the foot of the page: the
          text reads the correction, the note gives what was printed</td></tr>
        <tr><th>[ ]</th><td>square brackets are the source editors’ own additions, printed as they stand</td></tr>
        <tr><th><span class="stage">(…)</span></th><td>remarks and events recorded by the secretary, in italics</td></tr>
      </table>
    </section>
  </xsl:template>

  <xsl:template name="ed:contents">
    <nav class="toc" id="contents">
      <h1>Contents</h1>
      <ol>
        <li><a href="#introduction">Editorial introduction</a></li>
        <xsl:for-each select="$parts">
          <li><a href="#{?id}"><xsl:value-of select="?title"/></a>
            <xsl:variable name="subs" select="?nodes[self::tei:div]/tei:div"/>
            <xsl:if test="$subs">
              <ol><xsl:for-each select="$subs"><li><a href="#{ed:anchor-div(.)}"><xsl:value-of select="ed:heading(.)"/></a></li></xsl:for-each></ol>
            </xsl:if>
          </li>
        </xsl:for-each>
        <xsl:if test="$index-doc"><li><a href="#speaker-index">Index of speakers</a></li></xsl:if>
      </ol>
    </nav>
  </xsl:template>

  <!-- The index: pages come from the first layout, so they are where the turns really are. -->
  <xsl:template name="ed:speaker-index">
    <section class="speaker-index" id="speaker-index">
      <h1>Index of speakers</h1>
      <ul>
        <xsl:for-each select="$index-doc/index/person">
          <xsl:sort select="lower-case(@sort)"/>
          <li><span class="index-name"><xsl:value-of select="@name"/></span>
            <xsl:text> </xsl:text>
            <xsl:for-each select="page">
              <xsl:if test="position() gt 1">, </xsl:if>
              <a href="#{@anchor}"><xsl:value-of select="@n"/></a>
            </xsl:for-each>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <!-- ============================================================ what paper changes -->

  <!-- a division's heading carries the running head -->
  <xsl:template match="tei:div[not(parent::tei:div)]/tei:head[1]" mode="html" priority="2">
    <h1 class="head running" id="{ed:anchor(.)}">
      <xsl:apply-templates mode="html"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
    </h1>
  </xsl:template>

  <xsl:template match="tei:note" mode="html">
    <span class="footnote note-{(@type, 'note')[1]}" id="{ed:anchor(.)}" data-mark="{accumulator-before('ed:note')}">
      <xsl:apply-templates mode="html"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
    </span>
  </xsl:template>

  <xsl:template match="tei:choice" mode="html">
    <xsl:variable name="printed" select="string-join((tei:sic | tei:orig | tei:abbr)//text())"/>
    <span class="choice" id="{ed:anchor(.)}"><xsl:apply-templates select="tei:corr | tei:reg | tei:expan" mode="html"/><span
      class="footnote apparatus" data-mark="{ed:letters(accumulator-before('ed:correction'))}"><xsl:value-of select="normalize-space(string-join((tei:corr | tei:reg | tei:expan)//text()))"/>] <span class="sic"><xsl:value-of select="$printed"/></span> printed</span></span>
  </xsl:template>

  <xsl:template match="tei:gap" mode="html">
    <span class="gap" id="{ed:anchor(.)}">⟨…⟩<span class="footnote gap-note" data-mark="{accumulator-before('ed:note') + 0}"
      ><xsl:value-of select="ed:gap-label(.)"/></span></span>
  </xsl:template>

  <xsl:template match="tei:persName | tei:orgName | tei:name | tei:placeName | tei:rs | tei:roleName
                       | tei:forename | tei:surname | tei:addName | tei:genName | tei:affiliation" mode="html">
    <span class="name"><xsl:apply-templates mode="html"/></span>
  </xsl:template>

  <xsl:template match="tei:speaker" mode="html">
    <span class="speaker"><xsl:apply-templates mode="html">
      <xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates></span>
  </xsl:template>

  <!-- a turn: the label runs into its first paragraph, as in a printed record -->
  <xsl:template match="tei:sp | tei:u" mode="html">
    <div class="sp" id="{ed:anchor(.)}">
      <xsl:if test="self::tei:u and @who">
        <span class="speaker"><xsl:value-of select="string-join(ed:local-ids(@who) ! ed:name-of(.), ', ')"/>: </span>
      </xsl:if>
      <xsl:apply-templates mode="html"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab | tei:seg[parent::tei:u]" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{ed:tag($inline, if (.//(tei:p | tei:list | tei:table | tei:floatingText | tei:lg | tei:sp)) then 'div' else 'p')}">
      <xsl:attribute name="class" select="string-join((local-name(), @type ! ('type-' || .),
        if (contains(@ana, '#vote')) then 'vote' else (), if (contains(@ana, '#session.')) then 'meta' else ()), ' ')"/>
      <xsl:attribute name="id" select="ed:anchor(.)"/>
      <xsl:apply-templates mode="html"><xsl:with-param name="inline" select="true()" tunnel="yes"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- tables: label rows become a header, repeated on every page the table runs over -->
  <xsl:template match="tei:table" mode="html">
    <table>
      <xsl:if test="tei:head"><caption><xsl:apply-templates select="tei:head/node()" mode="html"/></caption></xsl:if>
      <xsl:variable name="heading" select="tei:row[@role = 'label'][not(preceding-sibling::tei:row[not(@role = 'label')])]"/>
      <xsl:if test="$heading"><thead><xsl:apply-templates select="$heading" mode="html"/></thead></xsl:if>
      <tbody><xsl:apply-templates select="tei:row except $heading" mode="html"/></tbody>
    </table>
  </xsl:template>

  <!-- An image is named, never fetched; a link only to the web (a relative one would point into
       the toolkit's own folder). -->
  <xsl:template match="tei:graphic | tei:media" mode="html">
    <xsl:variable name="url" select="ed:safe-url(@url)[matches(., '^https?:', 'i')]"/>
    <xsl:choose>
      <xsl:when test="$url"><a class="graphic" href="{$url}">image</a></xsl:when>
      <xsl:otherwise><span class="graphic">image</span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:ref | tei:ptr" mode="html">
    <span class="ref"><xsl:apply-templates mode="html"/><xsl:if test="self::tei:ptr"><xsl:value-of select="@target"/></xsl:if></span>
  </xsl:template>

</xsl:stylesheet>
