<?xml version="1.0" encoding="UTF-8"?>
<!--
  The book around the text: the title page and its imprint, the editorial introduction with the
  table of the signs the document uses (and only those), the contents, the index of speakers
  ("Surname, Forename"; groups and anonymous voices apart). All of it from the TEI header and
  the register; presentation (sizes, spacing) in assets/book.typ.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    exclude-result-prefixes="#all">

  <xsl:function name="ed:clean" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:sequence select="normalize-space(string-join($nodes//text()[not(ancestor::tei:note)], ' '))"/>
  </xsl:function>

  <!-- ============================================================ title page and imprint -->

  <xsl:template name="ed:title-page">
    <xsl:variable name="credits" as="xs:string*">
      <xsl:for-each select="$header//tei:titleStmt/(tei:respStmt | tei:editor | tei:funder | tei:sponsor)">
        <xsl:variable name="names" select="(tei:name | tei:persName | tei:orgName)[normalize-space()] ! ed:clean(.)"/>
        <xsl:choose>
          <xsl:when test="self::tei:respStmt and exists($names)">
            <xsl:sequence select="string-join(tei:resp ! ed:clean(.), ', ') || ': ' || string-join($names, ', ')"/>
          </xsl:when>
          <xsl:when test="not(self::tei:respStmt) and normalize-space()">
            <xsl:sequence select="(if (self::tei:editor) then 'Edited by ' else '') || ed:clean(.)"/>
          </xsl:when>
        </xsl:choose>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="publication" select="$header//tei:publicationStmt"/>
    <xsl:variable name="licence" select="ed:clean($publication//tei:availability)"/>
    <xsl:variable name="source" select="ed:clean(($header//tei:sourceDesc/(tei:bibl | tei:biblStruct | tei:biblFull | tei:msDesc))[1])"/>
    <xsl:variable name="date" select="ed:clean(($publication/tei:date)[1])"/>
    <xsl:variable name="publisher" select="string-join(($publication/(tei:publisher | tei:distributor | tei:authority))[normalize-space()] ! ed:clean(.), ', ')"/>
    <xsl:variable name="url" select="($publication//tei:idno[matches(., '^https?://')], $publication//tei:ptr/@target[matches(., '^https?://')])[1] ! normalize-space()"/>
    <xsl:value-of select="'#title-page(' || ed:typst-string($title) || ', subtitle: ' || ed:typst-string($subtitle)
      || ', authors: ' || ed:typst-array($header//tei:titleStmt/tei:author ! ed:clean(.)[. != ''])
      || ', credits: ' || ed:typst-array($credits) || ')&#10;'"/>
    <xsl:value-of select="'#imprint(publisher: ' || ed:typst-string(string-join(($publisher, $date)[. != ''], ', '))
      || ', licence: ' || ed:typst-string($licence)
      || ', source: ' || ed:typst-string($source)
      || ', cite: ' || ed:typst-string(string-join((string-join($header//tei:titleStmt/tei:author ! ed:clean(.), '; ')[. != ''],
           $title, string-join(($publisher, $date)[. != ''], ', ')[. != ''], $url), '. ') || '.') || ')&#10;'"/>
  </xsl:template>

  <!-- ============================================================ introduction and signs -->

  <xsl:template name="ed:introduction">
    <xsl:text>&#10;#front-heading("Editorial introduction")&#10;</xsl:text>
    <xsl:for-each select="$header//tei:projectDesc/tei:p, $header//tei:editorialDecl//tei:p">
      <xsl:value-of select="'&#10;' || ed:typst-text(ed:clean(.)) || '&#10;'"/>
    </xsl:for-each>
    <xsl:variable name="text" select="$teis/tei:text"/>
    <xsl:variable name="signs" as="array(xs:string)*">
      <xsl:sequence select="['5, 10, 15', 'line numbers in the margin, every fifth line, counted afresh on each page; the apparatus at the foot of the page cites them']"/>
      <xsl:if test="$text//tei:choice">
        <xsl:sequence select="['12 word] wrod printed', 'a misprint of the source corrected: the text reads the correction, the apparatus gives the line, the corrected word and what was printed']"/>
      </xsl:if>
      <xsl:if test="$text//tei:note">
        <xsl:sequence select="['12 ¹word]', 'an editorial note, numbered, after the word it follows']"/>
      </xsl:if>
      <xsl:if test="$text//tei:gap">
        <xsl:sequence select="['⟨…⟩', 'a lacuna: text lost, missing or broken off; the apparatus says why']"/>
      </xsl:if>
      <xsl:if test="$text//text()[contains(., '[')][not(ancestor::tei:sic | ancestor::tei:orig | ancestor::tei:fw)]">
        <xsl:sequence select="['[ ]', 'square brackets are the source editors’ own additions, printed as they stand']"/>
      </xsl:if>
      <xsl:if test="$text//tei:stage">
        <xsl:sequence select="['italics', 'stage directions, remarks and events recorded in the source']"/>
      </xsl:if>
      <xsl:if test="$text//tei:speaker">
        <xsl:sequence select="['Small capitals', 'the speaker’s name as the source gives it']"/>
      </xsl:if>
    </xsl:variable>
    <xsl:value-of select="'&#10;#signs((' || string-join($signs ! ('(' || ed:typst-string(?1) || ', ' || ed:typst-string(?2) || '),'), ' ') || '))&#10;'"/>
  </xsl:template>

  <xsl:template name="ed:contents">
    <xsl:text>&#10;#contents()&#10;</xsl:text>
  </xsl:template>

  <!-- ============================================================ the index of speakers -->

  <!-- Who speaks: every local id a turn names, in order of first appearance. -->
  <xsl:variable name="ed:speaker-ids" as="xs:string*" select="distinct-values($teis/tei:text//(tei:sp | tei:u)/ed:local-ids(@who))"/>

  <!-- A speaker's entry: (name as indexed, sort key, person or group). A person with a surname is
       "Surname, Forename"; a group, an anonymous voice or an id the register lacks is a voice. -->
  <xsl:function name="ed:index-name" as="xs:string*">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="who" select="key('ed:id', $id, $root)[self::tei:person | self::tei:personGrp][1]"/>
    <xsl:variable name="reg" select="($who/tei:persName[@type = 'reg'], $who/tei:persName[not(@type = ('label', 'variant'))], $who/tei:persName)[1]"/>
    <xsl:variable name="surname" select="normalize-space(string-join($reg/tei:surname//text(), ' '))"/>
    <xsl:variable name="forename" select="normalize-space(string-join($reg/(tei:forename | tei:addName | tei:roleName)//text(), ' '))"/>
    <xsl:variable name="name" select="if ($surname) then string-join(($surname, $forename[. != '']), ', ')
      else if ($who) then ed:person-name($who) else $id"/>
    <xsl:variable name="voice" select="not($who) or $who/self::tei:personGrp or contains($who/@role, 'anonymous')
      or ($who/tei:persName and not($who/tei:persName[not(@type = 'label')]))"/>
    <xsl:sequence select="($name, lower-case(($surname[. != ''], $name)[1]), if ($voice) then 'voice' else 'person')"/>
  </xsl:function>

  <xsl:template name="ed:speaker-index">
    <xsl:if test="exists($ed:speaker-ids)">
      <xsl:variable name="entries" as="array(xs:string)*" select="$ed:speaker-ids ! array{ed:index-name(.), .}"/>
      <xsl:text>&#10;#index-part("Index of speakers")[&#10;</xsl:text>
      <xsl:value-of select="'#index-list(&lt;turn&gt;, ' || ed:index-pairs($entries[?3 = 'person'])
        || ', voices: ' || ed:index-pairs($entries[?3 = 'voice']) || ', voices-title: &quot;Groups and anonymous voices&quot;)&#10;'"/>
      <xsl:text>]&#10;</xsl:text>
    </xsl:if>
    <xsl:variable name="mentioned" select="distinct-values($teis/tei:text//tei:persName/ed:local-ids(@ref))[key('ed:id', ., $root)]"/>
    <xsl:if test="exists($mentioned)">
      <xsl:variable name="entries" as="array(xs:string)*" select="$mentioned ! array{ed:index-name(.), .}"/>
      <xsl:text>&#10;#index-part("Index of persons mentioned")[&#10;</xsl:text>
      <xsl:value-of select="'#index-list(&lt;mention&gt;, ' || ed:index-pairs($entries) || ')&#10;'"/>
      <xsl:text>]&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- index entries as a Typst array of (name, id) pairs, sorted by the sort key -->
  <xsl:function name="ed:index-pairs" as="xs:string">
    <xsl:param name="entries" as="array(xs:string)*"/>
    <xsl:variable name="sorted" as="array(xs:string)*">
      <xsl:perform-sort select="$entries"><xsl:sort select="?2" lang="{$lang}"/></xsl:perform-sort>
    </xsl:variable>
    <xsl:sequence select="'(' || string-join($sorted ! ('(' || ed:typst-string(?1) || ', ' || ed:typst-string(?4) || '),'), ' ') || ')'"/>
  </xsl:function>

</xsl:stylesheet>
