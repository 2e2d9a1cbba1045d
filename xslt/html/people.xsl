<?xml version="1.0" encoding="UTF-8"?>
<!--
  The people index: every person and body of the register, with role, affiliation, the number of
  their turns and a link to each. Turns are grouped by speaker once (a key), so the page costs
  one pass over the text, whatever the number of people.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:template name="ed:people-page">
    <xsl:call-template name="ed:frame">
      <xsl:with-param name="page-title" select="'People'"/>
      <xsl:with-param name="file" select="'people.html'"/>
      <xsl:with-param name="content">
        <h1>People</h1>
        <xsl:choose>
          <xsl:when test="$persons">
            <table class="people">
              <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Organisation</th>
                <th scope="col">Turns</th><th scope="col">Where they speak</th></tr></thead>
              <tbody>
                <xsl:for-each select="$persons">
                  <xsl:sort select="lower-case(ed:sort-name(.))"/>
                  <xsl:variable name="turns" select="key('ed:turns-of', string(@xml:id), $root)"/>
                  <tr id="{@xml:id}">
                    <th scope="row"><xsl:value-of select="ed:person-name(.)"/>
                      <xsl:for-each select="tei:note[1]"><span class="person-note"><xsl:value-of select="normalize-space()"/></span></xsl:for-each></th>
                    <td><xsl:value-of select="translate(@role, '-', ' ')"/></td>
                    <td><xsl:value-of select="string-join(tei:affiliation ! normalize-space(), '; ')"/></td>
                    <td class="num"><xsl:value-of select="count($turns)"/></td>
                    <td class="turns">
                      <xsl:for-each select="$turns">
                        <xsl:if test="position() gt 1">, </xsl:if>
                        <a href="{ed:page-of(.)}#{ed:anchor(.)}"><xsl:value-of select="position()"/></a>
                      </xsl:for-each>
                    </td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </xsl:when>
          <xsl:otherwise><p>The document has no register of persons.</p></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="//tei:listOrg/tei:org[@xml:id]">
          <h2>Organisations</h2>
          <ul class="orgs">
            <xsl:for-each select="//tei:listOrg/tei:org[@xml:id]">
              <li id="{@xml:id}"><xsl:value-of select="ed:person-name(.)"/></li>
            </xsl:for-each>
          </ul>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:function name="ed:sort-name" as="xs:string">
    <xsl:param name="person" as="element()"/>
    <xsl:sequence select="(normalize-space(($person/tei:persName[@type = 'reg'], $person/tei:persName)[1]/tei:surname)[. != ''],
      ed:person-name($person))[1]"/>
  </xsl:function>

</xsl:stylesheet>
