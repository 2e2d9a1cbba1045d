<?xml version="1.0" encoding="UTF-8"?>
<!--
  Stage directions as ParlaMint's events: kinesic (applause, gestures), vocal (shouts, laughter,
  murmuring, and interjections by others) or incident (everything else), each with the
  direction's words in desc. Which one is decided by the table below, read top to bottom (the
  first pattern that matches the words wins), then by the direction's own type.

  The original stage/@type stays in @subtype; its who, if any, in @who. A vote result recorded
  as a stage direction is a record, not an event: it becomes a note of type vote with its
  measures (inside a note that is already a vote, only its words). Square brackets the source
  printed around an event ("[Applause]") are left out, as are the parentheses inside one.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:pm="urn:x-edition:parlamint"
    xmlns="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- pattern (case-insensitive, on the direction's words) → element and ParlaMint type -->
  <xsl:variable name="pm:event-rules" as="map(xs:string, xs:string)*" select="(
    map{'pattern': 'applau|clapping|ovation',                           'element': 'kinesic', 'type': 'applause'},
    map{'pattern': 'laugh',                                             'element': 'vocal',   'type': 'laughter'},
    map{'pattern': 'shout|exclaim|heckl|interject|(^|\W)cr(y|ies)(\W|$)', 'element': 'vocal',   'type': 'shouting'},
    map{'pattern': 'murmur|noise|commotion|uproar|tumult|(^|\W)stir(\W|$)', 'element': 'vocal', 'type': 'murmuring'},
    map{'pattern': 'gestur|stands up|(^|\W)(rises|bows|nods|waves|points)(\W|$)', 'element': 'kinesic', 'type': 'gesture'}
  )"/>

  <!-- when no pattern matches: by the direction's own type, else an incident -->
  <xsl:variable name="pm:event-by-type" as="map(xs:string, map(xs:string, xs:string))" select="map{
    'interjection': map{'element': 'vocal', 'type': 'interruption'},
    'applause':     map{'element': 'kinesic', 'type': 'applause'},
    'laughter':     map{'element': 'vocal', 'type': 'laughter'}}"/>
  <xsl:variable name="pm:incident" as="map(xs:string, xs:string)" select="map{'element': 'incident', 'type': 'action'}"/>

  <xsl:function name="pm:event-kind" as="map(xs:string, xs:string)">
    <xsl:param name="words" as="xs:string"/>
    <xsl:param name="type" as="xs:string?"/>
    <xsl:sequence select="($pm:event-rules[matches($words, ?pattern, 'i')], $type ! $pm:event-by-type(.), $pm:incident)[1]"/>
  </xsl:function>

  <!-- Is this node an event the source printed inside square brackets? -->
  <xsl:function name="pm:bracketed" as="xs:boolean">
    <xsl:param name="node" as="node()?"/>
    <xsl:sequence select="exists($node/(self::tei:stage[not(@type = 'vote')] | self::tei:q[@type = 'interjection'][@who]))
      and exists($node/preceding-sibling::node()[1][self::text()][matches(., '\[\s*$')])
      and exists($node/following-sibling::node()[1][self::text()][matches(., '^\s*\]')])"/>
  </xsl:function>

  <!-- The words of a direction as read: corrections applied, one line, outer parentheses off. -->
  <xsl:function name="pm:words-of" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="text" select="normalize-space(string-join($el//text()[not(ancestor::tei:sic[parent::tei:choice]
      | ancestor::tei:orig[parent::tei:choice] | ancestor::tei:abbr[parent::tei:choice])]))"/>
    <xsl:sequence select="replace($text, '^\((.*)\)$', '$1', 's')"/>
  </xsl:function>

  <xsl:template name="pm:event">
    <xsl:param name="kind" as="map(xs:string, xs:string)"/>
    <xsl:param name="words" as="xs:string"/>
    <xsl:element name="{$kind?element}">
      <xsl:attribute name="type" select="$kind?type"/>
      <xsl:if test="@type"><xsl:attribute name="subtype" select="@type"/></xsl:if>
      <xsl:copy-of select="@who"/>
      <desc><xsl:value-of select="$words"/></desc>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:stage" mode="pm:inline">
    <xsl:param name="in-vote" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <!-- a direction that only wraps another (a remark holding an interjection) -->
      <xsl:when test="count(*) = 1 and tei:stage and not(text()[normalize-space()])">
        <xsl:apply-templates select="tei:stage" mode="pm:inline"/>
      </xsl:when>
      <xsl:when test="@type = 'vote' and $in-vote">
        <xsl:apply-templates mode="pm:inline"/>
      </xsl:when>
      <xsl:when test="@type = 'vote'">
        <note type="vote">
          <xsl:apply-templates mode="pm:inline">
            <xsl:with-param name="in-vote" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </note>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="pm:event">
          <xsl:with-param name="kind" select="pm:event-kind(pm:words-of(.), @type)"/>
          <xsl:with-param name="words" select="pm:words-of(.)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Words another person threw in ("[KAMENEV: Against!]"): an interruption, ascribed to them. -->
  <xsl:template match="tei:q[@type = 'interjection'][@who]" mode="pm:inline">
    <xsl:call-template name="pm:event">
      <xsl:with-param name="kind" select="$pm:event-by-type('interjection')"/>
      <xsl:with-param name="words" select="pm:words-of(.)"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
