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
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <!-- what the register says of a person: roles, dates, authority files, names as cited -->
  <xsl:include href="people.xsl"/>

  <xsl:variable name="root" select="/"/>
  <xsl:variable name="teis" select="/tei:TEI | /tei:teiCorpus/tei:TEI"/>
  <xsl:variable name="header" select="(/tei:TEI/tei:teiHeader, /tei:teiCorpus/tei:teiHeader)[1]"/>
  <xsl:variable name="title" as="xs:string" select="(normalize-space(string-join(
      (($header//tei:titleStmt/tei:title[@type = 'main'], $header//tei:titleStmt/tei:title)[1])//text()))[. != ''],
      ed:msg('untitled', /))[1]"/>
  <xsl:variable name="subtitle" as="xs:string?" select="normalize-space(string-join(
      $header//tei:titleStmt/tei:title[@type = 'sub'][1]//text()))[. != '']"/>
  <xsl:variable name="lang" as="xs:string" select="(/*/@xml:lang, 'en')[1]"/>
  <xsl:variable name="persons" select="//tei:listPerson/(tei:person | tei:personGrp)[@xml:id]"/>

  <!--
    The parts of the text, in reading order, as maps {kind, prefix, n, id, div, title, nodes}: the
    front matter, each top-level division of the body, the back matter (per TEI of a corpus,
    `prefix` telling them apart). Body children before the first division go with it, children
    after a division stay with it, so every node of the text is in exactly one part. The HTML
    edition makes a page of each part, the print editions a section that starts a page.
  -->
  <xsl:variable name="parts" as="map(*)*">
    <xsl:for-each select="$teis">
      <xsl:variable name="prefix" select="if (count($teis) gt 1) then 't' || position() || '-' else ''"/>
      <xsl:for-each select="tei:text/tei:front[normalize-space() or *]">
        <xsl:sequence select="map{'kind': 'front', 'prefix': $prefix, 'n': 0, 'id': 'ed-front-' || $prefix || position(),
          'div': (), 'title': ed:msg('front', .), 'nodes': .}"/>
      </xsl:for-each>
      <xsl:variable name="groups" as="map(*)*">
        <xsl:for-each-group select="tei:text/tei:body/node()[self::* or normalize-space()]" group-starting-with="tei:div">
          <xsl:sequence select="map{'nodes': current-group()}"/>
        </xsl:for-each-group>
      </xsl:variable>
      <xsl:variable name="merged" as="map(*)*" select="
        if (count($groups) gt 1 and not($groups[1]?nodes[1] instance of element(tei:div)))
        then (map{'nodes': ($groups[1]?nodes, $groups[2]?nodes)}, subsequence($groups, 3))
        else $groups"/>
      <xsl:for-each select="$merged">
        <xsl:variable name="div" select="?nodes[self::tei:div][1]"/>
        <xsl:sequence select="map{'kind': 'body', 'prefix': $prefix, 'n': position(),
          'id': 'ed-part-' || $prefix || position(), 'div': $div,
          'title': if ($div) then ed:heading($div) else ed:msg('text', $root), 'nodes': ?nodes}"/>
      </xsl:for-each>
      <xsl:for-each select="tei:text/tei:back[normalize-space() or *]">
        <xsl:sequence select="map{'kind': 'back', 'prefix': $prefix, 'n': 0, 'id': 'ed-back-' || $prefix || position(),
          'div': (), 'title': ed:msg('back', .), 'nodes': .}"/>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:variable>

  <!-- the running title: the short title, else the title up to its first colon -->
  <xsl:variable name="short-title" as="xs:string" select="(normalize-space($header//tei:titleStmt/tei:title[@type = 'short'][1])[. != ''],
    replace($title, '^([^:]{3,}):.*$', '$1'))[1]"/>

  <!-- every turn of a speaker -->
  <xsl:key name="ed:turns-of" match="tei:sp | tei:u" use="ed:local-ids(@who)"/>

  <!-- the name of the person (or body) an id names; the id itself when the register lacks it -->
  <xsl:function name="ed:name-of" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="person" select="key('ed:id', $id, $root)[1]"/>
    <xsl:sequence select="if ($person) then ed:person-name($person) else $id"/>
  </xsl:function>

  <!-- A division's heading: its head; an untitled one is named by its kind and number ("Scene 3",
       "Сцена 3"), its @n or else its place among its siblings of that kind, never by the bare
       type ("configuration" thirty times). -->
  <xsl:function name="ed:heading" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="type" select="string($div/@type)"/>
    <xsl:sequence select="(normalize-space(string-join($div/tei:head[1]//text()[not(ancestor::tei:sic
      | ancestor::tei:note | ancestor::tei:orig)]))[. != ''],
      ed:msg('div.' || ($ed:div-kinds($type), 'section')[1], $div,
        (normalize-space($div/@n)[. != ''], string(count($div/preceding-sibling::*[node-name() eq node-name($div)]
          [string(@type) eq $type]) + 1))[1]))[1]"/>
  </xsl:function>

  <!-- the kinds of division the interface names (messages.xml, div.*): TEI's types and others' -->
  <xsl:variable name="ed:div-kinds" as="map(xs:string, xs:string)" select="map{
    'act': 'act', 'scene': 'scene', 'configuration': 'scene', 'chapter': 'chapter', 'poem': 'poem',
    'letter': 'letter', 'session': 'session', 'sitting': 'session', 'section': 'section',
    'debateSection': 'section', 'part': 'section', 'subsection': 'section'}"/>

  <xsl:function name="ed:anchor-div" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="if ($div/@xml:id) then string($div/@xml:id) else 'div-' || $div/accumulator-before('ed:div')"/>
  </xsl:function>

</xsl:stylesheet>
