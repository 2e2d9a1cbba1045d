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
    <xsl:variable name="printable" select="replace(ed:one-space($text), '[\p{Cc}\p{Cf}-[&#x200C;&#x200D;]]', '')"/>
    <xsl:sequence select="'&quot;' || (if (contains($printable, '\') or contains($printable, '&quot;'))
      then replace($printable, '([\\&quot;])', '\\$1') else $printable) || '&quot;'"/>
  </xsl:function>

  <!-- Every run of white space (space, tab, line feed, carriage return, line and paragraph
       separator) as one space, the ends kept. Without a regular expression: Saxon's `[\s…]+` took
       about half of the transformation of a DraCor play, 15 of 31 ms (bench/RESULTS.md). -->
  <xsl:function name="ed:one-space" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:variable name="spaced" select="translate(string($text), '&#x9;&#xA;&#xD;&#x2028;&#x2029;', '     ')"/>
    <xsl:variable name="inner" select="normalize-space($spaced)"/>
    <xsl:sequence select="if (not(contains($spaced, '  '))) then $spaced
      else if ($inner = '') then ' '
      else (if (starts-with($spaced, ' ')) then ' ' else '') || $inner || (if (ends-with($spaced, ' ')) then ' ' else '')"/>
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
