<?xml version="1.0" encoding="UTF-8"?>
<!--
  The print edition as Typst markup, compiled in process by Typst (edition/render/typst.py).

  The output is one self-contained Typst source: the library assets/book.typ (page, line numbers,
  apparatus, verse, indexes), then the book: a title page, its imprint on the back, the editorial
  introduction with the signs the document uses, the contents, each part of the text on a new
  right-hand page, and the index of speakers. The source reads no file and no package: the text of
  the document is only ever in string literals (markup.xsl).

  Parameters (all optional):
    paper  xs:string  Typst paper name: 'a4' (default), 'us-letter', 'a5'
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:x-edition:functions"
    exclude-result-prefixes="#all">

  <xsl:include href="../common/functions.xsl"/>
  <xsl:include href="../common/document.xsl"/>
  <xsl:include href="markup.xsl"/>
  <xsl:include href="text.xsl"/>
  <xsl:include href="front.xsl"/>

  <!-- Typst paper name: 'a4' (default), 'us-letter', 'a5'. -->
  <xsl:param name="paper" as="xs:string" select="'a4'"/>

  <xsl:global-context-item use="required"/>
  <xsl:mode use-accumulators="#all" on-no-match="fail"/>
  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:value-of select="unparsed-text('assets/book.typ', 'UTF-8')"/>
    <xsl:text>&#10;// ------------------------------------------------------------------ the book&#10;</xsl:text>
    <xsl:value-of select="'#show: book.with(title: ' || ed:typst-string($title)
      || ', short-title: ' || ed:typst-string($short-title)
      || ', description: ' || ed:typst-string($subtitle)
      || ', authors: ' || ed:typst-array($header//tei:titleStmt/tei:author ! normalize-space()[. != ''])
      || ', keywords: ' || ed:typst-array(distinct-values(($teis/tei:text//tei:div/@type ! string(), 'TEI', 'edition')))
      || ', lang: ' || ed:typst-string(replace(substring($lang, 1, 2), '[^a-z]', ''))
      || ', paper: ' || ed:typst-string(if ($paper = ('a4', 'us-letter', 'a5')) then $paper else 'a4')
      || ', entries: ' || accumulator-after('ed:entry') || ')&#10;'"/>
    <xsl:call-template name="ed:title-page"/>
    <xsl:call-template name="ed:introduction"/>
    <xsl:call-template name="ed:contents"/>
    <xsl:for-each select="$parts">
      <xsl:variable name="div" select="?div"/>
      <xsl:value-of select="'&#10;#part(' || ed:typst-string(?title) || ', ' || ed:typst-string(?id) || ')['"/>
      <xsl:if test="not($div/tei:head)">
        <xsl:value-of select="'&#10;#heading(level: 1)[' || ed:typst-text(?title) || ']&#10;'"/>
      </xsl:if>
      <xsl:apply-templates select="?nodes" mode="typst"/>
      <xsl:text>]&#10;</xsl:text>
    </xsl:for-each>
    <xsl:call-template name="ed:speaker-index"/>
  </xsl:template>

</xsl:stylesheet>
