<?xml version="1.0" encoding="UTF-8"?>
<!--
  A collation (TEI parallel segmentation, `edition collate`) in the HTML edition, mode `html`.

  The division of a collation opens with its witnesses and, for the script, a witness switcher
  and a "side by side" choice. Every `app` becomes an element of class `app` whose readings are
  children of class `rdg`, each with the sigla that read it (`data-wit`) and its kind
  (`data-type`); the base text's reading has class `base`. Without the script the base text is
  shown; with it (xslt/html/assets/apparatus.js) the reading of the chosen witness. A site's
  shade says how many witnesses read otherwise than the base (`dissent-1` … `dissent-5`, five and
  more); a click shows every reading. The base is the first witness of the `listWit`. Sites that
  are no variant of the base are not marked: whitespace alone between paragraphs (`app-space`), a
  paragraph a fragment does not read that all others agree on (`app-agree`), and the marks of a
  fragment's beginning, end and lacunae (`app-marker`, shown only in that witness's text).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- the witnesses of a collation, in the order of the listWit (the base first) -->
  <xsl:variable name="app-witnesses" select="$header//tei:listWit//tei:witness" as="element(tei:witness)*"/>
  <!-- xml:id → siglum -->
  <xsl:variable name="app-siglum" as="map(xs:string, xs:string)" select="map:merge(
    $app-witnesses ! map:entry(string(@xml:id), string((@n, @xml:id)[1])))"/>
  <xsl:variable name="app-base" as="xs:string" select="string(($app-witnesses[1] ! $app-siglum(string(@xml:id)), '')[1])"/>

  <!-- the sigla of a reading's @wit -->
  <xsl:function name="ed:app-sigla" as="xs:string*">
    <xsl:param name="reading" as="element()"/>
    <xsl:sequence select="tokenize(normalize-space($reading/@wit), ' ')
      ! (let $id := substring-after(., '#') return ($app-siglum($id), $id)[1])"/>
  </xsl:function>

  <xsl:template match="tei:body/tei:div[$header//tei:variantEncoding]" mode="html" priority="2">
    <section class="div collation {@type ! ('div-' || .)}" id="{ed:anchor-div(.)}" data-base="{$app-base}"
             data-readings="{ed:msg('app.readings', .)}" data-omitted="{ed:msg('app.omitted', .)}">
      <link rel="stylesheet" href="assets/apparatus.css"/>
      <div class="witnesses">
        <p class="witnesses-head"><xsl:value-of select="ed:msg('app.witnesses-head', .)"/></p>
        <ul class="witness-list">
          <xsl:for-each select="$app-witnesses">
            <li data-siglum="{$app-siglum(string(@xml:id))}"><b><xsl:value-of select="$app-siglum(string(@xml:id))"/></b>
              <xsl:if test="normalize-space() and normalize-space() ne string(@n)">: <xsl:value-of select="normalize-space()"/></xsl:if></li>
          </xsl:for-each>
        </ul>
        <p class="apparatus-legend"><xsl:value-of select="ed:msg('app.legend', ., $app-base)"/></p>
      </div>
      <div class="collation-tools" hidden="hidden">
        <label><xsl:value-of select="ed:msg('app.read-as', .)"/><xsl:text> </xsl:text><select class="witness-switch">
          <xsl:for-each select="$app-witnesses">
            <xsl:variable name="s" select="$app-siglum(string(@xml:id))"/>
            <option value="{$s}"><xsl:if test="$s eq $app-base"><xsl:attribute name="selected" select="'selected'"/></xsl:if><xsl:value-of select="$s"/></option>
          </xsl:for-each>
        </select></label>
        <label><xsl:value-of select="ed:msg('app.side-by-side', .)"/><xsl:text> </xsl:text><select class="compare-switch">
          <option value="" selected="selected">—</option>
          <xsl:for-each select="$app-witnesses">
            <option value="{$app-siglum(string(@xml:id))}"><xsl:value-of select="$app-siglum(string(@xml:id))"/></option>
          </xsl:for-each>
        </select></label>
      </div>
      <div class="columns">
        <div class="collation-text" data-witness="{$app-base}">
          <xsl:apply-templates mode="html"/>
        </div>
      </div>
      <script src="assets/apparatus.js"></script>
    </section>
  </xsl:template>

  <xsl:template match="tei:app" mode="html">
    <xsl:param name="inline" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="readings" select="tei:lem | tei:rdg"/>
    <!-- an app of a fragmentary witness's marker alone (its text begins, ends, is lost) is no variant of the base -->
    <xsl:variable name="marker" select="exists(.//(tei:witStart | tei:witEnd | tei:lacunaStart | tei:lacunaEnd))
      and not(.//text()[normalize-space()])"/>
    <xsl:variable name="base-reading" select="if ($marker) then () else ($readings[ed:app-sigla(.) = $app-base], $readings[1])[1]"/>
    <xsl:variable name="dissent" select="sum(($readings except $base-reading) ! count(ed:app-sigla(.)))"/>
    <xsl:variable name="space" select="not($marker) and not($readings[normalize-space() or *])"/>
    <xsl:element name="{ed:tag($inline, 'div')}">
      <xsl:attribute name="class" select="string-join(('app', @type ! ('app-' || .),
        if ($marker) then 'app-marker' else if ($space) then 'app-space'
        else if ($dissent eq 0) then 'app-agree' else 'dissent-' || min((5, $dissent))), ' ')"/>
      <xsl:attribute name="data-dissent" select="$dissent"/>
      <xsl:if test="not($space or $marker) and $dissent gt 0">
        <xsl:attribute name="tabindex" select="0"/>
        <xsl:attribute name="role" select="'button'"/>
        <xsl:attribute name="aria-label" select="ed:msg(if ($dissent eq 1) then 'app.variant-1' else 'app.variant-n', ., string($dissent))"/>
      </xsl:if>
      <xsl:for-each select="$readings">
        <xsl:element name="{ed:tag($inline, 'div')}">
          <xsl:attribute name="class" select="string-join(('rdg', if (. is $base-reading) then 'base' else (),
            if (normalize-space() or *) then () else 'empty'), ' ')"/>
          <xsl:attribute name="data-wit" select="string-join(ed:app-sigla(.), ' ')"/>
          <xsl:if test="@type"><xsl:attribute name="data-type" select="@type"/></xsl:if>
          <xsl:apply-templates mode="html"/>
        </xsl:element>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <!-- a fragmentary witness: where its text begins, ends, or is lost -->
  <xsl:template match="tei:witStart | tei:witEnd | tei:lacunaStart | tei:lacunaEnd" mode="html">
    <span class="lacuna-mark"><xsl:value-of select="ed:msg('app.' || local-name(), .)"/></span>
  </xsl:template>

  <!-- the witnesses on the page about the edition -->
  <xsl:template match="tei:listWit" mode="html">
    <span class="listWit"><xsl:value-of select="ed:msg('app.witnesses', .)"/>: <xsl:for-each select="tei:witness">
      <xsl:if test="position() gt 1">; </xsl:if><xsl:apply-templates select="." mode="html"/></xsl:for-each>.</span>
  </xsl:template>
  <xsl:template match="tei:witness" mode="html">
    <span class="witness"><b><xsl:value-of select="(@n, @xml:id)[1]"/></b>
      <xsl:if test="normalize-space() and normalize-space() ne string(@n)">: <xsl:value-of select="normalize-space()"/></xsl:if></span>
  </xsl:template>

</xsl:stylesheet>
