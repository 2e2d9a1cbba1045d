<?xml version="1.0" encoding="UTF-8"?>
<!--
  Typst markup from text: the one escaping function, and the two shapes it is used in.

  Text of the document is never written as Typst markup: every piece becomes a Typst string
  literal (ed:typst-string), where only the backslash and the double quote are special (each
  written with a backslash) and line ends are turned into spaces. In markup a literal is set as
  `#"…";`, the semicolon ending the expression, so nothing after it (a bracket, a parenthesis, a
  dot) can be read as part of it. No character of the document can start a Typst construct.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:functions"
    exclude-result-prefixes="#all">

  <!-- A Typst string literal of any text: \ and " escaped, whitespace runs as one space, control
       characters dropped. -->
  <xsl:function name="ed:typst-string" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:sequence select="'&quot;' || replace(replace(replace(string($text), '[\s\p{Zl}\p{Zp}]+', ' '),
      '[\p{Cc}\p{Cf}-[&#x200C;&#x200D;]]', ''), '([\\&quot;])', '\\$1') || '&quot;'"/>
  </xsl:function>

  <!-- Text set in markup: a string literal as an expression, ended by ';'. Empty text: nothing. -->
  <xsl:function name="ed:typst-text" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:sequence select="if (string($text) = '') then '' else '#' || ed:typst-string($text) || ';'"/>
  </xsl:function>

  <!-- A sequence of strings as a Typst array literal: ("a", "b",) -->
  <xsl:function name="ed:typst-array" as="xs:string">
    <xsl:param name="items" as="xs:string*"/>
    <xsl:sequence select="'(' || string-join($items ! (ed:typst-string(.) || ','), ' ') || ')'"/>
  </xsl:function>

</xsl:stylesheet>
