<?xml version="1.0" encoding="UTF-8"?>
<!--
  Citation: what a page tells the citation dialog (xslt/html/assets/cite.js) through its body's
  data attributes — the edition's title, editors, publisher and year, the site's address, the
  page's title and date — and the words of the dialog. Names and titles printed in capitals
  (SESSION OF MARCH 29, speaker labels) are cited in title case, as a bibliography writes them.
  The dialog's words are the message table's (messages.xml, cite.*), handed to the script as JSON:
  the script has no words of its own.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- The words the dialog uses: its key in the script → the message's key. -->
  <xsl:variable name="ed:cite-keys" as="map(xs:string, xs:string)" select="map{
      'cite': 'cite.title', 'copy': 'cite.copy', 'copied': 'cite.copied', 'permalink': 'cite.permalink',
      'edited-by': 'cite.edited-by', 'in': 'cite.in', 'accessed': 'cite.accessed', 'download': 'cite.download',
      'close': 'cite.close'}"/>

  <!-- ... in the document's language, made once for every page -->
  <xsl:variable name="ed:cite-words" as="xs:string" select="serialize(map:merge(map:keys($ed:cite-keys)
      ! map:entry(., ed:msg($ed:cite-keys(.), $root))), map{'method': 'json'})"/>

  <!-- The year of the edition's publication date, for references. -->
  <xsl:variable name="ed:publication-year" as="xs:string" select="replace(string(($header//tei:publicationStmt/tei:date/@when,
      $ed:publication-date)[1]), '^(\d{4}).*$', '$1')"/>
  <!-- The publisher, for references. -->
  <xsl:variable name="ed:publisher" as="xs:string" select="normalize-space(($header//tei:publicationStmt/tei:publisher)[1])"/>

  <!-- The body's data attributes for a page: what the citation dialog reads. -->
  <xsl:template name="ed:cite-data">
    <xsl:param name="page-title" as="xs:string"/>
    <xsl:param name="file" as="xs:string"/>
    <xsl:attribute name="data-title" select="$title"/>
    <xsl:attribute name="data-editor" select="$ed:editors"/>
    <xsl:attribute name="data-date" select="$ed:publication-date"/>
    <xsl:attribute name="data-year" select="$ed:publication-year"/>
    <xsl:attribute name="data-publisher" select="$ed:publisher"/>
    <xsl:attribute name="data-site" select="$site-url"/>
    <xsl:attribute name="data-page" select="$file"/>
    <xsl:attribute name="data-page-title" select="ed:citable($page-title)"/>
    <xsl:attribute name="data-page-date" select="string($page-by-file($file)?date)"/>
    <xsl:attribute name="data-cite-words" select="$ed:cite-words"/>
  </xsl:template>

</xsl:stylesheet>
