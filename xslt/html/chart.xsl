<?xml version="1.0" encoding="UTF-8"?>
<!--
  Who spoke how much on a page: a horizontal bar chart in SVG, made at build time. Words are
  counted in the reading text of each turn (without labels, notes and printed misreadings), by
  the toolkit (edition/render/reading.py: every character of every turn costs Saxon ten times
  what it costs there) and looked up here by the turn's number.
  The chart is an image with a text alternative; the same figures are in a table for screen
  readers and for print.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:svg="http://www.w3.org/2000/svg"
    exclude-result-prefixes="#all">

  <!-- At most this many speakers are drawn; the rest are summed as "others". -->
  <xsl:param name="chart-speakers" as="xs:integer" select="12"/>

  <xsl:template name="ed:speaker-chart">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:variable name="groups" as="map(*)*">
      <xsl:for-each-group select="$nodes/descendant-or-self::*[self::tei:sp or self::tei:u]"
                          group-by="(ed:local-ids(@who)[1], '?')[1]">
        <xsl:sequence select="map{'who': current-grouping-key(), 'turns': count(current-group()),
          'words': sum(current-group() ! $ed:reading?words(accumulator-before('ed:turn')))}"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:variable name="counts" as="map(*)*" select="sort($groups, (), function($g) { -$g?words })"/>
    <xsl:if test="exists($counts)">
      <xsl:variable name="shown" select="subsequence($counts, 1, $chart-speakers)"/>
      <xsl:variable name="rest" select="subsequence($counts, $chart-speakers + 1)"/>
      <xsl:variable name="bars" as="map(*)*" select="$shown, (map{'who': '', 'name': ed:msg('chart.others', $root, string(count($rest))),
        'turns': sum($rest ! ?turns), 'words': sum($rest ! ?words)})[exists($rest)]"/>
      <xsl:variable name="max" select="max(($bars ! ?words, 1))"/>
      <xsl:variable name="row" select="22"/>
      <figure class="speaker-chart">
        <figcaption><xsl:value-of select="ed:msg('chart.caption', $root, $label)"/></figcaption>
        <svg:svg viewBox="0 0 640 {count($bars) * $row + 4}" width="100%" role="img"
                 aria-label="{ed:msg('chart.image', $root, $label)}">
          <xsl:for-each select="$bars">
            <xsl:variable name="y" select="(position() - 1) * $row + 2"/>
            <xsl:variable name="name" select="(?name, ed:speaker-name(?who))[1]"/>
            <svg:text x="190" y="{$y + 15}" text-anchor="end" class="chart-name"><xsl:value-of select="$name"/></svg:text>
            <svg:rect x="200" y="{$y + 3}" height="{$row - 6}" width="{max((1, round(?words div $max * 360)))}" class="chart-bar"/>
            <svg:text x="{206 + round(?words div $max * 360)}" y="{$y + 15}" class="chart-value"><xsl:value-of select="?words"/></svg:text>
          </xsl:for-each>
        </svg:svg>
        <!-- hidden by its wrapper: a table is as wide as its content whatever its own width says -->
        <div class="sr-only"><table>
          <caption><xsl:value-of select="ed:msg('chart.table', $root)"/></caption>
          <thead><tr><th scope="col"><xsl:value-of select="ed:msg('chart.speaker', $root)"/></th><th scope="col"><xsl:value-of select="ed:msg('chart.turns', $root)"/></th><th scope="col"><xsl:value-of select="ed:msg('chart.words', $root)"/></th></tr></thead>
          <tbody>
            <xsl:for-each select="$bars">
              <tr><th scope="row"><xsl:value-of select="(?name, ed:speaker-name(?who))[1]"/></th><td><xsl:value-of select="?turns"/></td><td><xsl:value-of select="?words"/></td></tr>
            </xsl:for-each>
          </tbody>
        </table></div>
      </figure>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
