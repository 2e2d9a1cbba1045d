<?xml version="1.0" encoding="UTF-8"?>
<!--
  The print edition as XSL-FO 1.1, for Apache FOP or a commercial FO engine.

  Parameters (all optional):
    page-width, page-height  xs:string  e.g. '210mm', '297mm' (A4, the default)
    margin-top, margin-right, margin-bottom, margin-left  xs:string  margins of the text block
    font-family  xs:string  default 'Linux Libertine O, Noto Serif, serif'
    index        xs:string  the speaker index as XML, from a first layout (edition/render/fo.py):
                            <index><person id="" name="" sort=""><page n="" anchor=""/>…</person></index>

  The same book as the Typst route (xslt/typst/): title leaf, editorial introduction, contents
  with page numbers, each part on a new page with running heads (markers), notes as numbered
  footnotes, corrections as a lettered apparatus, lacunae signed, PDF bookmarks, and an index of
  speakers. XSL 1.1's index (index-key, fo:index-page-citation-list) is not implemented by FOP, so
  the index comes from a first layout, as in the paged-HTML route; without it, each turn is cited
  by fo:page-number-citation.

  Mode `fo` renders TEI; elements with no rule pass their text through one fallback, reported
  by xsl:message "W401 …" (never dropped).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:x-edition:functions"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    exclude-result-prefixes="#all">

  <xsl:include href="../common/functions.xsl"/>
  <xsl:include href="../common/document.xsl"/>

  <!-- Page width, e.g. '210mm' (A4, the default). -->
  <xsl:param name="page-width" as="xs:string" select="'210mm'"/>
  <!-- Page height, e.g. '297mm' (A4, the default). -->
  <xsl:param name="page-height" as="xs:string" select="'297mm'"/>
  <!-- Top margin of the text block. -->
  <xsl:param name="margin-top" as="xs:string" select="'22mm'"/>
  <!-- Right margin of the text block. -->
  <xsl:param name="margin-right" as="xs:string" select="'20mm'"/>
  <!-- Bottom margin of the text block. -->
  <xsl:param name="margin-bottom" as="xs:string" select="'24mm'"/>
  <!-- Left margin of the text block. -->
  <xsl:param name="margin-left" as="xs:string" select="'20mm'"/>
  <!-- The book's font families, in order of preference (FO font-family). -->
  <xsl:param name="font-family" as="xs:string" select="'Linux Libertine O, Noto Serif, serif'"/>
  <!-- The speaker index as XML from a first layout, '' for none (each turn is then cited by
       fo:page-number-citation): <index><person id="" name="" sort=""><page n=""
       anchor=""/>…</person></index>. -->
  <xsl:param name="index" as="xs:string" select="''"/>

  <xsl:global-context-item use="required"/>
  <xsl:mode use-accumulators="#all" on-no-match="fail"/>
  <xsl:mode name="fo" use-accumulators="#all" on-no-match="fail"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="speakers" select="$persons[key('ed:turns-of', string(@xml:id), $root)]"/>
  <xsl:variable name="index-doc" select="if ($index) then parse-xml($index) else ()"/>

  <!-- ============================================================ the book -->

  <xsl:template match="/">
    <fo:root font-family="{$font-family}" font-size="10.5pt" line-height="1.38" language="{substring($lang, 1, 2)}"
             hyphenate="true" text-align="justify" widows="3" orphans="3">
      <fo:layout-master-set>
        <fo:simple-page-master master-name="page" page-width="{$page-width}" page-height="{$page-height}"
            margin-top="10mm" margin-bottom="10mm" margin-left="{$margin-left}" margin-right="{$margin-right}">
          <fo:region-body margin-top="{$margin-top}" margin-bottom="{$margin-bottom}" margin-left="0" margin-right="0"/>
          <fo:region-before extent="{$margin-top}"/>
          <fo:region-after extent="{$margin-bottom}"/>
        </fo:simple-page-master>
      </fo:layout-master-set>
      <fo:declarations>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
          <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <dc:title><xsl:value-of select="$title"/></dc:title>
              <dc:creator><xsl:value-of select="string-join($header//tei:titleStmt/tei:author ! normalize-space(), '; ')"/></dc:creator>
              <dc:description><xsl:value-of select="($subtitle, 'A TEI edition')[1]"/></dc:description>
              <dc:language><xsl:value-of select="$lang"/></dc:language>
            </rdf:Description>
          </rdf:RDF>
        </x:xmpmeta>
      </fo:declarations>
      <fo:bookmark-tree>
        <fo:bookmark internal-destination="introduction"><fo:bookmark-title>Editorial introduction</fo:bookmark-title></fo:bookmark>
        <fo:bookmark internal-destination="contents"><fo:bookmark-title>Contents</fo:bookmark-title></fo:bookmark>
        <xsl:for-each select="$parts">
          <fo:bookmark internal-destination="{?id}"><fo:bookmark-title><xsl:value-of select="?title"/></fo:bookmark-title></fo:bookmark>
        </xsl:for-each>
        <xsl:if test="$speakers"><fo:bookmark internal-destination="speaker-index"><fo:bookmark-title>Index of speakers</fo:bookmark-title></fo:bookmark></xsl:if>
      </fo:bookmark-tree>

      <fo:page-sequence master-reference="page" initial-page-number="1">
        <fo:flow flow-name="xsl-region-body">
          <xsl:call-template name="ed:title-leaf"/>
        </fo:flow>
      </fo:page-sequence>
      <fo:page-sequence master-reference="page">
        <xsl:call-template name="ed:static"><xsl:with-param name="part" select="''"/></xsl:call-template>
        <fo:flow flow-name="xsl-region-body">
          <xsl:call-template name="ed:introduction"/>
          <xsl:call-template name="ed:contents"/>
        </fo:flow>
      </fo:page-sequence>
      <xsl:for-each select="$parts">
        <fo:page-sequence master-reference="page">
          <xsl:call-template name="ed:static"><xsl:with-param name="part" select="?title"/></xsl:call-template>
          <fo:flow flow-name="xsl-region-body">
            <fo:block id="{?id}">
              <xsl:if test="not(?nodes[self::tei:div])">
                <fo:block font-size="15pt" font-variant="small-caps" space-after="12pt"><xsl:value-of select="?title"/></fo:block>
              </xsl:if>
              <xsl:apply-templates select="?nodes" mode="fo"/>
            </fo:block>
          </fo:flow>
        </fo:page-sequence>
      </xsl:for-each>
      <xsl:if test="$speakers">
        <fo:page-sequence master-reference="page">
          <xsl:call-template name="ed:static"><xsl:with-param name="part" select="'Index of speakers'"/></xsl:call-template>
          <fo:flow flow-name="xsl-region-body">
            <xsl:call-template name="ed:speaker-index"/>
          </fo:flow>
        </fo:page-sequence>
      </xsl:if>
    </fo:root>
  </xsl:template>

  <xsl:template name="ed:static">
    <xsl:param name="part" as="xs:string"/>
    <fo:static-content flow-name="xsl-region-before">
      <fo:block font-size="8.5pt" text-align-last="justify" color="#444444">
        <fo:inline font-style="italic"><xsl:value-of select="$short-title"/></fo:inline>
        <fo:leader leader-pattern="space"/>
        <fo:inline font-variant="small-caps"><xsl:value-of select="$part"/></fo:inline>
      </fo:block>
    </fo:static-content>
    <fo:static-content flow-name="xsl-region-after">
      <fo:block font-size="9pt" text-align="center"><fo:page-number/></fo:block>
    </fo:static-content>
    <fo:static-content flow-name="xsl-footnote-separator">
      <fo:block><fo:leader leader-pattern="rule" leader-length="30%" rule-thickness="0.4pt"/></fo:block>
    </fo:static-content>
  </xsl:template>

  <xsl:template name="ed:title-leaf">
    <fo:block text-align="center" space-before="60mm">
      <fo:block font-size="20pt" line-height="1.2"><xsl:value-of select="$title"/></fo:block>
      <xsl:if test="$subtitle"><fo:block font-style="italic" font-size="12pt" space-before="8pt"><xsl:value-of select="$subtitle"/></fo:block></xsl:if>
      <xsl:for-each select="$header//tei:titleStmt/tei:author"><fo:block space-before="14pt"><xsl:value-of select="normalize-space()"/></fo:block></xsl:for-each>
      <fo:block font-size="8.5pt" space-before="70mm">
        <xsl:for-each select="$header//tei:titleStmt/tei:respStmt">
          <fo:block><xsl:value-of select="string-join(tei:resp ! normalize-space(), ', ')"/>: <xsl:value-of select="string-join(tei:name ! normalize-space(), ', ')"/></fo:block>
        </xsl:for-each>
        <fo:block><xsl:value-of select="string-join(($header//tei:publicationStmt/(tei:publisher, tei:pubPlace, tei:date)) ! normalize-space(), ', ')"/></fo:block>
        <fo:block><xsl:value-of select="normalize-space(string-join($header//tei:availability//text(), ' '))"/></fo:block>
      </fo:block>
    </fo:block>
  </xsl:template>

  <xsl:template name="ed:introduction">
    <fo:block id="introduction" font-size="15pt" font-variant="small-caps" space-after="12pt">Editorial introduction</fo:block>
    <xsl:for-each select="$header//tei:projectDesc/tei:p, $header//tei:editorialDecl//tei:p">
      <fo:block space-after="4pt"><xsl:value-of select="normalize-space()"/></fo:block>
    </xsl:for-each>
    <fo:block font-variant="small-caps" font-size="12pt" space-before="12pt" space-after="6pt">Signs used in this edition</fo:block>
    <xsl:for-each select="(['⟨…⟩', 'a lacuna: text lost, missing or broken off; the footnote says why'],
                           ['1, 2, 3', 'notes, at the foot of the page'],
                           ['a, b, c', 'corrections of the source’s misprints: the text reads the correction, the note gives what was printed'],
                           ['[ ]', 'square brackets are the source editors’ own additions'],
                           ['(…)', 'remarks and events recorded by the secretary, in italics'])">
      <fo:block start-indent="18mm" text-indent="-18mm"><fo:inline><xsl:value-of select="?1"/></fo:inline><fo:leader leader-length="18mm" leader-pattern="space"/><xsl:value-of select="?2"/></fo:block>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="ed:contents">
    <fo:block id="contents" break-before="page" font-size="15pt" font-variant="small-caps" space-after="12pt">Contents</fo:block>
    <xsl:for-each select="$parts">
      <fo:block text-align-last="justify" text-align="left">
        <fo:basic-link internal-destination="{?id}"><xsl:value-of select="?title"/></fo:basic-link>
        <fo:leader leader-pattern="dots"/><fo:page-number-citation ref-id="{?id}"/>
      </fo:block>
    </xsl:for-each>
    <xsl:if test="$speakers">
      <fo:block text-align-last="justify" text-align="left">Index of speakers<fo:leader leader-pattern="dots"/><fo:page-number-citation ref-id="speaker-index"/></fo:block>
    </xsl:if>
  </xsl:template>

  <!-- The index of speakers: pages from the first layout, else a citation per turn. -->
  <xsl:template name="ed:speaker-index">
    <fo:block id="speaker-index" font-size="15pt" font-variant="small-caps" space-after="12pt">Index of speakers</fo:block>
    <xsl:choose>
      <xsl:when test="$index-doc">
        <xsl:for-each select="$index-doc/index/person">
          <xsl:sort select="lower-case(@sort)"/>
          <fo:block font-size="9pt" text-align="left" start-indent="1em" text-indent="-1em">
            <xsl:value-of select="@name"/><xsl:text> </xsl:text>
            <xsl:for-each select="page">
              <xsl:if test="position() gt 1">, </xsl:if>
              <fo:basic-link internal-destination="{@anchor}"><xsl:value-of select="@n"/></fo:basic-link>
            </xsl:for-each>
          </fo:block>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$speakers">
          <xsl:sort select="lower-case(ed:person-name(.))"/>
          <fo:block font-size="9pt" text-align="left" start-indent="1em" text-indent="-1em">
            <xsl:value-of select="ed:person-name(.)"/><xsl:text> </xsl:text>
            <xsl:for-each select="key('ed:turns-of', string(@xml:id), $root)">
              <xsl:if test="position() gt 1">, </xsl:if><fo:page-number-citation ref-id="{ed:anchor(.)}"/>
            </xsl:for-each>
          </fo:block>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ the text -->

  <xsl:template match="text()" mode="fo"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="comment() | processing-instruction()" mode="fo"/>

  <xsl:template match="tei:front | tei:back | tei:body | tei:text" mode="fo">
    <xsl:apply-templates mode="fo"/>
  </xsl:template>

  <xsl:template match="tei:div" mode="fo">
    <fo:block id="{ed:anchor-div(.)}"><xsl:apply-templates mode="fo"/></fo:block>
  </xsl:template>

  <xsl:template match="tei:head" mode="fo">
    <xsl:variable name="top" select="parent::tei:div[not(parent::tei:div)]"/>
    <fo:block font-size="{if ($top) then '15pt' else '12pt'}" font-variant="small-caps" text-align="left"
              space-before="{if ($top) then '0pt' else '10pt'}" space-after="6pt" keep-with-next.within-page="always"
              id="{ed:anchor(.)}">
      <xsl:apply-templates mode="fo"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab" mode="fo">
    <fo:block id="{ed:anchor(.)}" space-after="3pt">
      <xsl:if test="contains(@ana, '#vote')">
        <xsl:attribute name="border-start-style" select="'solid'"/><xsl:attribute name="border-start-width" select="'1.5pt'"/>
        <xsl:attribute name="padding-start" select="'6pt'"/>
      </xsl:if>
      <xsl:if test="@type = ('separator', 'subheading')"><xsl:attribute name="text-align" select="'center'"/></xsl:if>
      <xsl:apply-templates mode="fo"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="tei:sp | tei:u" mode="fo">
    <fo:block id="{ed:anchor(.)}" space-before="4pt">
      <xsl:if test="self::tei:u and @who">
        <fo:inline font-variant="small-caps"><xsl:value-of select="string-join(ed:local-ids(@who) ! ed:name-of(.), ', ')"/>: </fo:inline>
      </xsl:if>
      <xsl:apply-templates mode="fo"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="tei:speaker" mode="fo">
    <fo:block font-variant="small-caps" keep-with-next.within-page="always"><xsl:apply-templates mode="fo"/></fo:block>
  </xsl:template>

  <xsl:template match="tei:stage | tei:kinesic | tei:vocal | tei:incident" mode="fo">
    <xsl:choose>
      <xsl:when test="parent::tei:p or parent::tei:ab or parent::tei:seg or parent::tei:l or parent::tei:head">
        <fo:inline font-style="italic"><xsl:apply-templates mode="fo"/></fo:inline>
      </xsl:when>
      <xsl:otherwise>
        <fo:block font-style="italic" start-indent="1.2em" space-after="3pt"><xsl:apply-templates mode="fo"/></fo:block>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:floatingText" mode="fo">
    <fo:block start-indent="1.5em" end-indent="1.5em" font-size="9.5pt" space-before="6pt" space-after="6pt">
      <xsl:apply-templates mode="fo"/>
    </fo:block>
  </xsl:template>

  <xsl:template match="tei:list | tei:castList | tei:listPerson | tei:listOrg" mode="fo">
    <xsl:apply-templates select="tei:head" mode="fo"/>
    <fo:list-block provisional-distance-between-starts="1.5em" space-after="4pt">
      <xsl:for-each select="* except tei:head">
        <fo:list-item>
          <fo:list-item-label end-indent="label-end()"><fo:block><xsl:if test="not(@n)">•</xsl:if></fo:block></fo:list-item-label>
          <fo:list-item-body start-indent="body-start()"><fo:block><xsl:apply-templates select="." mode="fo-item"/></fo:block></fo:list-item-body>
        </fo:list-item>
      </xsl:for-each>
    </fo:list-block>
  </xsl:template>
  <xsl:template match="*" mode="fo-item"><xsl:apply-templates mode="fo"/></xsl:template>

  <xsl:template match="tei:table" mode="fo">
    <xsl:variable name="heading" select="tei:row[@role = 'label'][not(preceding-sibling::tei:row[not(@role = 'label')])]"/>
    <xsl:variable name="columns" select="max((tei:row ! count(tei:cell), 1))"/>
    <fo:table table-layout="fixed" width="100%" font-size="8.5pt" space-before="6pt" space-after="6pt">
      <xsl:for-each select="1 to $columns"><fo:table-column column-width="proportional-column-width(1)"/></xsl:for-each>
      <xsl:if test="$heading">
        <fo:table-header><xsl:apply-templates select="$heading" mode="fo"/></fo:table-header>
      </xsl:if>
      <fo:table-body><xsl:apply-templates select="tei:row except $heading" mode="fo"/></fo:table-body>
    </fo:table>
  </xsl:template>
  <xsl:template match="tei:row" mode="fo">
    <fo:table-row keep-together.within-page="always"><xsl:apply-templates select="tei:cell" mode="fo"/>
      <xsl:if test="not(tei:cell)"><fo:table-cell><fo:block/></fo:table-cell></xsl:if></fo:table-row>
  </xsl:template>
  <xsl:template match="tei:cell" mode="fo">
    <fo:table-cell border-bottom="0.3pt solid #999999" padding="1pt">
      <fo:block text-align="left"><xsl:apply-templates mode="fo"/></fo:block>
    </fo:table-cell>
  </xsl:template>

  <xsl:template match="tei:item | tei:person | tei:org | tei:castItem" mode="fo">
    <fo:block><xsl:apply-templates mode="fo"/></fo:block>
  </xsl:template>

  <xsl:template match="tei:titlePage | tei:docTitle | tei:titlePart | tei:lg | tei:l
                       | tei:opener | tei:closer | tei:trailer | tei:byline | tei:dateline | tei:signed | tei:epigraph" mode="fo">
    <fo:block><xsl:apply-templates mode="fo"/></fo:block>
  </xsl:template>

  <!-- furniture of the transcript (headers of the page it came from): kept, small -->
  <xsl:template match="tei:fw" mode="fo">
    <fo:block font-size="7.5pt" color="#555555" text-align="left"><xsl:apply-templates mode="fo"/></fo:block>
  </xsl:template>

  <!-- notes, corrections, lacunae -->
  <xsl:template match="tei:note" mode="fo">
    <xsl:call-template name="ed:footnote">
      <xsl:with-param name="mark" select="string(accumulator-before('ed:note'))"/>
      <xsl:with-param name="body"><xsl:apply-templates mode="fo"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:choice" mode="fo">
    <xsl:apply-templates select="tei:corr | tei:reg | tei:expan" mode="fo"/>
    <xsl:call-template name="ed:footnote">
      <xsl:with-param name="mark" select="ed:letters(accumulator-before('ed:correction'))"/>
      <xsl:with-param name="italic" select="true()"/>
      <xsl:with-param name="body"><xsl:value-of select="normalize-space(string-join((tei:corr | tei:reg | tei:expan)//text()))"/>] <fo:inline font-style="italic"><xsl:value-of select="string-join((tei:sic | tei:orig | tei:abbr)//text())"/></fo:inline> printed</xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:gap" mode="fo">
    <xsl:text>⟨…⟩</xsl:text>
    <xsl:call-template name="ed:footnote">
      <xsl:with-param name="mark" select="''"/>
      <xsl:with-param name="body">⟨…⟩ <xsl:value-of select="ed:gap-label(.)"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="ed:footnote">
    <xsl:param name="mark" as="xs:string"/>
    <xsl:param name="body" as="item()*"/>
    <xsl:param name="italic" as="xs:boolean" select="false()"/>
    <fo:footnote>
      <fo:inline baseline-shift="30%" font-size="6.5pt" font-style="{if ($italic) then 'italic' else 'normal'}"><xsl:value-of select="$mark"/></fo:inline>
      <fo:footnote-body>
        <fo:block font-size="8.5pt" font-style="normal" font-variant="normal" text-align="left" start-indent="0" text-indent="0">
          <fo:inline font-style="{if ($italic) then 'italic' else 'normal'}"><xsl:value-of select="$mark"/></fo:inline><xsl:text> </xsl:text><xsl:sequence select="$body"/>
        </fo:block>
      </fo:footnote-body>
    </fo:footnote>
  </xsl:template>

  <xsl:template match="tei:sic | tei:orig | tei:abbr" mode="fo"/>
  <xsl:template match="tei:lb | tei:pb | tei:cb | tei:milestone | tei:anchor | tei:g[not(normalize-space())]
                       | tei:timeline" mode="fo"/>

  <!-- every other element: its text, inline (desc, names, supplied, measure … all come here) -->
  <xsl:template match="tei:corr | tei:reg | tei:expan | tei:supplied | tei:persName | tei:orgName | tei:name
                       | tei:placeName | tei:measure | tei:date | tei:time | tei:num | tei:ref | tei:ptr | tei:q
                       | tei:quote | tei:said | tei:seg | tei:desc | tei:ellipsis | tei:metamark | tei:forename
                       | tei:surname | tei:roleName | tei:affiliation | tei:title | tei:foreign | tei:term
                       | tei:add | tei:del | tei:unclear | tei:label | tei:role | tei:roleDesc | tei:g | tei:idno
                       | tei:bibl | tei:hi | tei:emph | tei:rs" mode="fo">
    <fo:inline>
      <xsl:if test="self::tei:hi[matches(@rend, 'italic')] or self::tei:emph or self::tei:title or self::tei:foreign">
        <xsl:attribute name="font-style" select="'italic'"/>
      </xsl:if>
      <xsl:apply-templates mode="fo"/>
    </fo:inline>
  </xsl:template>

  <xsl:template match="*" mode="fo" priority="-10">
    <xsl:message select="'W401 no FO rule for &lt;' || name() || '&gt;; its text is set inline'"/>
    <fo:inline><xsl:apply-templates mode="fo"/></fo:inline>
  </xsl:template>

</xsl:stylesheet>
