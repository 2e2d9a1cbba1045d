<?xml version="1.0" encoding="UTF-8"?>
<!--
  ParlaMint/Parla-CLARIN-style TEI from one TEI document: the edition's, or TEI others wrote
  (sp-based proceedings or plays, or ParlaMint itself, whose u/seg pass through).

  Parameters:
    document-id  xs:string  (required) the result's xml:id, and the prefix of the ids it gives
                            to utterances and segments that have none: {document-id}.u{n},
                            {utterance id}.{m}

  Two passes. The first (#unnamed, then the modes of parlamint-text.xsl) makes the text: turns
  become u with their paragraphs as seg, everything outside turns note, stage directions
  kinesic, vocal or incident (parlamint-events.xsl). The second (pm:finish) normalises
  whitespace and numbers the segments; the header (parlamint-header.xsl) is written last, so
  that its extent and tagsDecl count what the text holds.

  Every mode is declared; the text modes have one explicit fallback each (see
  parlamint-text.xsl), so no element is dropped unnoticed.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:pm="urn:x-edition:parlamint"
    xmlns="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:include href="../common/functions.xsl"/>
  <xsl:include href="parlamint-text.xsl"/>
  <xsl:include href="parlamint-events.xsl"/>
  <xsl:include href="parlamint-header.xsl"/>

  <!-- Required: the result's xml:id, and the prefix of the ids given to utterances and segments
       that have none ({document-id}.u{n}, {utterance id}.{m}). -->
  <xsl:param name="document-id" as="xs:string" required="yes"/>

  <xsl:global-context-item use="required"/>
  <xsl:mode use-accumulators="#all" on-no-match="fail"/>

  <!-- Indented, except inside elements that may hold text: there whitespace is content. -->
  <xsl:output method="xml" encoding="UTF-8" indent="yes" suppress-indentation="tei:seg tei:note
      tei:head tei:desc tei:cell tei:p tei:ab tei:item tei:label tei:title tei:resp tei:name
      tei:persName tei:orgName tei:placeName tei:roleName tei:forename tei:surname tei:addName
      tei:affiliation tei:licence tei:publisher tei:authority tei:distributor tei:date tei:idno
      tei:bibl tei:catDesc tei:term tei:gloss tei:change tei:language tei:measure tei:edition
      tei:author tei:editor tei:funder tei:q tei:quote tei:l tei:speaker tei:stage tei:occupation
      tei:education tei:birth tei:death tei:residence tei:sex tei:state tei:trait tei:event"/>

  <xsl:variable name="pm:source" select="/tei:TEI"/>

  <xsl:template match="/">
    <xsl:variable name="first" as="element(tei:text)">
      <text>
        <xsl:copy-of select="$pm:source/tei:text/(@xml:id | @xml:lang | @ana)"/>
        <xsl:apply-templates select="$pm:source/tei:text/(tei:front | tei:body | tei:back)" mode="pm:flow"/>
      </text>
    </xsl:variable>
    <xsl:variable name="text" as="element(tei:text)">
      <xsl:apply-templates select="$first" mode="pm:finish"/>
    </xsl:variable>
    <TEI xml:id="{$document-id}">
      <xsl:copy-of select="$pm:source/@xml:lang"/>
      <xsl:call-template name="pm:header">
        <xsl:with-param name="text" select="$text"/>
      </xsl:call-template>
      <xsl:sequence select="$text"/>
    </TEI>
  </xsl:template>


  <!-- ============================================================ pass 2: finish -->

  <xsl:mode name="pm:finish" on-no-match="shallow-copy"/>

  <!-- The elements that are one line of text: whitespace is normalised inside and trimmed at the
       ends, but kept beside an element (a note, an event) at either end. -->
  <xsl:function name="pm:line" as="element()?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node/ancestor::*[self::tei:seg | self::tei:note | self::tei:head | self::tei:desc
      | self::tei:cell][1]"/>
  </xsl:function>

  <xsl:template match="text()" mode="pm:finish">
    <xsl:variable name="line" select="pm:line(.)"/>
    <xsl:choose>
      <xsl:when test="empty($line)">
        <xsl:value-of select="normalize-space()"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="texts" select="$line//text()[pm:line(.) is $line]"/>
        <xsl:variable name="t" select="replace(., '\s+', ' ')"/>
        <xsl:variable name="t" select="if (. is $texts[1] and empty(preceding-sibling::node())) then replace($t, '^ ', '') else $t"/>
        <xsl:value-of select="if (. is $texts[last()] and empty(following-sibling::node())) then replace($t, ' $', '') else $t"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Linguistic annotation is copied as it came: its whitespace is layout between tokens. -->
  <xsl:template match="tei:s | tei:w | tei:pc | tei:linkGrp" mode="pm:finish">
    <xsl:copy-of select="."/>
  </xsl:template>

  <!-- Segments without an id of their own are numbered within their utterance. -->
  <xsl:template match="tei:u/tei:seg[not(@xml:id)]" mode="pm:finish">
    <xsl:copy>
      <xsl:attribute name="xml:id" select="../@xml:id || '.' || (count(preceding-sibling::tei:seg) + 1)"/>
      <xsl:apply-templates select="@* | node()" mode="pm:finish"/>
    </xsl:copy>
  </xsl:template>

</xsl:stylesheet>
