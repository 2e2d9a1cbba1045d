<?xml version="1.0" encoding="UTF-8"?>
<!--
  The interface in the document's language: one table of messages (messages.xml, beside this
  file), one row (`msg`) per message, one `m` per language (en, de, fr, es, ca, ru, it). The
  language is the document's (the root's xml:lang, its primary subtag: 'ca-ES' → 'ca'); a language
  the table does not have is English. `{1}`, `{2}` in a message stand for the arguments given to
  ed:msg#3 (each at most once). The table is read with doc() when a transformation first asks for
  a message, not compiled into every stylesheet that includes this one.

  A key that is not in the table is an error (err:ED01), never a silent blank: tests/test_messages.py
  checks that every key the stylesheets use is there, in every language.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    xmlns:msg="urn:x-edition:messages"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <xsl:variable name="ed:languages" as="xs:string+" select="('en', 'de', 'fr', 'es', 'ca', 'ru', 'it')"/>

  <!-- the table itself (messages.xml, beside this file) -->
  <xsl:variable name="ed:messages" as="element(msg:messages)" select="doc('messages.xml')/msg:messages"/>

  <!-- The language of the interface for the document a node is in: its root's xml:lang, if the
       table has it, else English. -->
  <xsl:function name="ed:ui-lang" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="primary" select="lower-case(tokenize(string(root($node)/*/@xml:lang), '-')[1])"/>
    <xsl:sequence select="($primary[. = $ed:languages], 'en')[1]"/>
  </xsl:function>

  <!-- the table as a map, key → language → words, made once: a message is looked up for every
       paragraph and turn, so no lookup walks the table -->
  <xsl:variable name="ed:message-map" as="map(xs:string, map(xs:string, xs:string))" select="map:merge(
    $ed:messages/msg:msg ! map:entry(string(@key), map:merge(msg:m ! map:entry(string(@l), string(.)))))"/>

  <xsl:function name="ed:msg" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="row" select="$ed:message-map($key)"/>
    <xsl:if test="empty($row)">
      <xsl:sequence select="error(QName('urn:x-edition:errors', 'ED01'), 'no message ' || $key || ' in xslt/common/messages.xml')"/>
    </xsl:if>
    <xsl:sequence select="($row(ed:ui-lang($node)), $row('en'))[1]"/>
  </xsl:function>

  <xsl:function name="ed:msg" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="node" as="node()"/>
    <xsl:param name="args" as="xs:string*"/>
    <xsl:sequence select="ed:filled(ed:msg($key, $node), $args, 1)"/>
  </xsl:function>

  <!-- A message with {i} and the places after it filled: each {n} once in a message; plain string
       functions and a recursion, not a fold with a function item (a message is made for every
       note, and the fold cost more than twice the lookup) -->
  <xsl:function name="ed:filled" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="args" as="xs:string*"/>
    <xsl:param name="i" as="xs:integer"/>
    <xsl:variable name="place" select="'{' || $i || '}'"/>
    <xsl:sequence select="if ($i gt count($args)) then $text
      else ed:filled(if (contains($text, $place)) then substring-before($text, $place) || $args[$i] || substring-after($text, $place) else $text, $args, $i + 1)"/>
  </xsl:function>

</xsl:stylesheet>
