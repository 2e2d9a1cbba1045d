<?xml version="1.0" encoding="UTF-8"?>
<!--
  The document as every output sees it: the TEI (or teiCorpus) being published, its header, its
  title, its language and its people, and how divisions are named and anchored. Included by the
  entry stylesheet of each output.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    exclude-result-prefixes="#all">

  <xsl:variable name="root" select="/"/>
  <xsl:variable name="teis" select="/tei:TEI | /tei:teiCorpus/tei:TEI"/>
  <xsl:variable name="header" select="(/tei:TEI/tei:teiHeader, /tei:teiCorpus/tei:teiHeader)[1]"/>
  <xsl:variable name="title" as="xs:string" select="(normalize-space(string-join(
      (($header//tei:titleStmt/tei:title[@type = 'main'], $header//tei:titleStmt/tei:title)[1])//text()))[. != ''],
      'Untitled edition')[1]"/>
  <xsl:variable name="subtitle" as="xs:string?" select="normalize-space(string-join(
      $header//tei:titleStmt/tei:title[@type = 'sub'][1]//text()))[. != '']"/>
  <xsl:variable name="lang" as="xs:string" select="(/*/@xml:lang, 'en')[1]"/>
  <xsl:variable name="persons" select="//tei:listPerson/tei:person[@xml:id]"/>

  <xsl:function name="ed:heading" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="(normalize-space(string-join($div/tei:head[1]//text()[not(ancestor::tei:sic
      | ancestor::tei:note | ancestor::tei:orig)]))[. != ''],
      string-join(($div/@type, $div/@n), ' ')[. != ''], 'Section')[1]"/>
  </xsl:function>

  <xsl:function name="ed:anchor-div" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="if ($div/@xml:id) then string($div/@xml:id) else 'div-' || generate-id($div)"/>
  </xsl:function>

</xsl:stylesheet>
