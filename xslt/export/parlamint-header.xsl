<?xml version="1.0" encoding="UTF-8"?>
<!--
  The header of the ParlaMint-style file: the source's header, kept where it still holds, with

    titleStmt       a subtitle saying what this file is;
    extent          speeches and words, counted in the text as written (ParlaMint's measures);
    encodingDesc    how this file was derived (a p and an editorialDecl that replaces the
                    source's, which described markup this file no longer has), a tagsDecl
                    counting the text's elements, the source's taxonomies (the text's @ana
                    still point at them) and the speaker types chair/regular/guest the
                    utterances use, where the source does not define them;
    profileDesc     the source's, the person register included (particDesc, as ParlaMint keeps
                    it), and a setting with the date of each dated session.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:pm="urn:x-edition:parlamint"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:mode name="pm:copy" on-no-match="shallow-copy"/>

  <!-- the header's own prose, written across lines here, one line each in the result -->
  <xsl:mode name="pm:tidy" on-no-match="shallow-copy"/>
  <xsl:template match="text()" mode="pm:tidy">
    <xsl:value-of select="normalize-space()"/>
  </xsl:template>

  <xsl:variable name="pm:header" select="$pm:source/tei:teiHeader"/>
  <xsl:variable name="pm:subtitle" as="xs:string" select="'ParlaMint-style TEI: utterances and segments, for corpus tools'"/>
  <xsl:variable name="pm:title" as="xs:string" select="(normalize-space(string-join(
    ($pm:header/tei:fileDesc/tei:titleStmt/tei:title[@type = 'main'], $pm:header/tei:fileDesc/tei:titleStmt/tei:title)[1]//text())),
    'Untitled')[.][1]"/>

  <xsl:variable name="pm:speaker-types" as="map(xs:string, xs:string)" select="map{
    'chair': 'The chair of the session.',
    'regular': 'A member speaking in the debate.',
    'guest': 'A guest of the meeting, not one of its members.'}"/>

  <xsl:template name="pm:header">
    <xsl:param name="text" as="element(tei:text)"/>
    <teiHeader>
      <xsl:call-template name="pm:file-desc"><xsl:with-param name="text" select="$text"/></xsl:call-template>
      <xsl:call-template name="pm:encoding-desc"><xsl:with-param name="text" select="$text"/></xsl:call-template>
      <xsl:call-template name="pm:profile-desc"/>
      <xsl:apply-templates select="$pm:header/(tei:xenoData | tei:revisionDesc)" mode="pm:copy"/>
    </teiHeader>
  </xsl:template>

  <!-- ============================================================ fileDesc -->

  <xsl:template name="pm:file-desc">
    <xsl:param name="text" as="element(tei:text)"/>
    <xsl:variable name="file" select="$pm:header/tei:fileDesc"/>
    <xsl:variable name="words" select="sum($text//tei:seg ! ed:words(string-join(.//text()[not(ancestor::tei:note
      | ancestor::tei:desc | ancestor::tei:gap)])))"/>
    <fileDesc>
      <titleStmt>
        <xsl:apply-templates select="$file/tei:titleStmt/tei:title" mode="pm:copy"/>
        <xsl:if test="not($file/tei:titleStmt/tei:title = $pm:subtitle)">
          <title type="sub"><xsl:value-of select="$pm:subtitle"/></title>
        </xsl:if>
        <xsl:apply-templates select="$file/tei:titleStmt/(* except tei:title)" mode="pm:copy"/>
      </titleStmt>
      <xsl:apply-templates select="$file/tei:editionStmt" mode="pm:copy"/>
      <extent>
        <measure unit="speeches" quantity="{count($text//tei:u)}"><xsl:value-of select="count($text//tei:u)"/> speeches</measure>
        <measure unit="words" quantity="{$words}"><xsl:value-of select="$words"/> words</measure>
      </extent>
      <xsl:apply-templates select="$file/tei:publicationStmt" mode="pm:copy"/>
      <xsl:if test="empty($file/tei:publicationStmt)">
        <publicationStmt><p>Unpublished.</p></publicationStmt>
      </xsl:if>
      <xsl:apply-templates select="$file/(tei:seriesStmt | tei:notesStmt | tei:sourceDesc)" mode="pm:copy"/>
      <xsl:if test="empty($file/tei:sourceDesc)">
        <sourceDesc><p>Derived from a TEI document that does not describe its source.</p></sourceDesc>
      </xsl:if>
    </fileDesc>
  </xsl:template>

  <!-- ============================================================ encodingDesc -->

  <xsl:template name="pm:encoding-desc">
    <xsl:param name="text" as="element(tei:text)"/>
    <xsl:variable name="encoding" select="$pm:header/tei:encodingDesc"/>
    <xsl:variable name="types" select="map:keys($pm:speaker-types)[some $u in $text//tei:u satisfies
      tokenize($u/@ana) = '#' || .][empty(key('ed:id', ., $pm:source/root()))]"/>
    <encodingDesc>
      <xsl:variable name="decisions" as="element()+">
        <p>Derived from the TEI document “<xsl:value-of select="$pm:title"/>” by the edition toolkit's export to
          ParlaMint-style TEI (the spoken idiom of the Parla-CLARIN recommendations), for corpus tools.
          The source keeps what this file leaves out: the printed forms of corrected words, the page
          furniture and the layout of lines.</p>
        <editorialDecl>
          <correction>
            <p>Where the source gives a printed form and its correction (choice of sic and corr, orig and reg,
              abbr and expan), only the corrected reading is kept.</p>
          </correction>
          <normalization>
            <p>Whitespace is normalised: each segment, note and description is one line; line breaks are left out.</p>
          </normalization>
          <segmentation>
            <p>Each speaker turn (sp) is an utterance (u) whose @who points at the person register in
              particDesc; its printed label is kept in a note of type speaker just before it. Each paragraph
              of a turn, and each item, line or heading of a list or document within it, is a segment (seg).
              Outside turns, each block (the secretary's narration, a document, a list item) is a note, of
              type vote where it records a vote and narrative otherwise; tables stay tables. Divisions are
              div of type debateSection where they hold turns and commentSection where not, their own type
              kept in @subtype; the date of each dated session is also given in a setting.</p>
          </segmentation>
          <interpretation>
            <p>Stage directions become kinesic (applause, gestures), vocal (shouts, laughter, murmuring, and
              words thrown in by others) or incident (everything else), their words in desc and their own
              type in @subtype; square brackets printed around them are left out. A vote result given as a
              stage direction becomes a note of type vote, its measures kept. Utterances carry the
              speaker's role in @ana where the source says who chaired: #chair for the chair of the session
              (named in the session's chair paragraph, or labelled as chair in it), #guest for a guest of the
              register, #regular otherwise; the turn's own analysis follows.</p>
          </interpretation>
        </editorialDecl>
      </xsl:variable>
      <xsl:apply-templates select="$decisions[self::tei:p]" mode="pm:tidy"/>
      <xsl:apply-templates select="$encoding/(* except (tei:editorialDecl | tei:tagsDecl | tei:classDecl))" mode="pm:copy"/>
      <xsl:apply-templates select="$decisions[self::tei:editorialDecl]" mode="pm:tidy"/>
      <tagsDecl>
        <namespace name="http://www.tei-c.org/ns/1.0">
          <xsl:for-each-group select="$text/descendant-or-self::*" group-by="local-name()">
            <xsl:sort select="current-grouping-key()"/>
            <tagUsage gi="{current-grouping-key()}" occurs="{count(current-group())}"/>
          </xsl:for-each-group>
        </namespace>
      </tagsDecl>
      <xsl:if test="exists($encoding/tei:classDecl/*) or exists($types)">
        <classDecl>
          <xsl:apply-templates select="$encoding/tei:classDecl/*" mode="pm:copy"/>
          <xsl:if test="exists($types)">
            <taxonomy>
              <desc>Types of speakers</desc>
              <xsl:for-each select="sort($types)">
                <category xml:id="{.}"><catDesc><xsl:value-of select="$pm:speaker-types(.)"/></catDesc></category>
              </xsl:for-each>
            </taxonomy>
          </xsl:if>
        </classDecl>
      </xsl:if>
    </encodingDesc>
  </xsl:template>

  <!-- ============================================================ profileDesc -->

  <xsl:template name="pm:profile-desc">
    <xsl:variable name="profile" select="$pm:header/tei:profileDesc"/>
    <xsl:variable name="known" select="$profile/tei:settingDesc/tei:setting/@corresp"/>
    <xsl:variable name="settings" as="element(tei:setting)*">
      <xsl:for-each select="$pm:source/tei:text/tei:body//tei:div">
        <xsl:variable name="date" select="(tei:head//tei:date, tei:date, tei:dateline//tei:date, tei:docDate)[@when][1]"/>
        <xsl:if test="$date and not(@xml:id and ('#' || @xml:id) = $known)">
          <setting>
            <xsl:if test="@xml:id"><xsl:attribute name="corresp" select="'#' || @xml:id"/></xsl:if>
            <date>
              <xsl:copy-of select="$date/(@when | @type)"/>
              <xsl:value-of select="(normalize-space(string-join($date//text()[not(ancestor::tei:sic)]))[.], string($date/@when))[1]"/>
            </date>
          </setting>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <!-- the settings join the source's list of settings, if it has one (not a prose settingDesc) -->
    <xsl:variable name="joins" select="$profile/tei:settingDesc[not(tei:p)][1]"/>
    <xsl:if test="exists($profile/*) or exists($settings)">
      <profileDesc>
        <xsl:for-each select="$profile/*">
          <xsl:choose>
            <xsl:when test=". is $joins">
              <xsl:copy>
                <xsl:apply-templates select="@* | node()" mode="pm:copy"/>
                <xsl:sequence select="$settings"/>
              </xsl:copy>
            </xsl:when>
            <xsl:otherwise>
              <xsl:apply-templates select="." mode="pm:copy"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
        <xsl:if test="empty($joins) and exists($settings)">
          <settingDesc><xsl:sequence select="$settings"/></settingDesc>
        </xsl:if>
      </profileDesc>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
