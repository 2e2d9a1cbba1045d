<?xml version="1.0" encoding="UTF-8"?>
<!--
  The text, ParlaMint-style. Three modes:

    pm:flow    outside turns: divisions become div (debateSection if they hold turns, else
               commentSection), turns become u, tables stay tables, every other block (the
               secretary's narration, a document, a list item) becomes a note;
    pm:turn    inside a turn: every block (a paragraph, an item, a line, a document's heading)
               becomes a seg;
    pm:inline  inside a seg, note, head or cell: the reading text (a correction's reading, never
               the printed error), names, dates and measures kept, stage directions turned into
               events (parlamint-events.xsl), other phrase markup unwrapped with its text kept.

  Blocks nested in blocks (a list in an item, a document in a turn) are flattened the same way
  at every depth: the phrase content between them makes one block of its own (pm:blocks).
  Each mode has exactly one fallback, the last template, and none of them drops text.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    xmlns:pm="urn:x-edition:parlamint"
    xmlns="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:mode name="pm:flow" on-no-match="fail" use-accumulators="#all"/>
  <xsl:mode name="pm:turn" on-no-match="fail" use-accumulators="#all"/>
  <xsl:mode name="pm:inline" on-no-match="fail" use-accumulators="#all"/>

  <!-- ============================================================ what is a block -->

  <!-- Elements that are a block or hold blocks; every other element is phrase-level. -->
  <xsl:function name="pm:structural" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/(self::tei:p | self::tei:ab | self::tei:list | self::tei:item
      | self::tei:label[parent::tei:list] | self::tei:lg | self::tei:l | self::tei:floatingText | self::tei:body
      | self::tei:div | self::tei:head | self::tei:table | self::tei:row | self::tei:sp | self::tei:u
      | self::tei:seg[parent::tei:u] | self::tei:speaker | self::tei:quote[tei:p | tei:ab | tei:lg | tei:list]
      | self::tei:castList | self::tei:castGroup | self::tei:castItem | self::tei:set | self::tei:opener
      | self::tei:closer | self::tei:trailer | self::tei:byline | self::tei:dateline | self::tei:salute
      | self::tei:signed | self::tei:argument | self::tei:epigraph | self::tei:postscript | self::tei:figure
      | self::tei:titlePage | self::tei:docTitle | self::tei:titlePart | self::tei:docAuthor
      | self::tei:docDate | self::tei:docImprint | self::tei:fw))"/>
  </xsl:function>

  <!-- Phrase-level elements that may also stand alone between blocks (ParlaMint puts them in u). -->
  <xsl:function name="pm:global" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/(self::tei:note | self::tei:gap | self::tei:stage | self::tei:pb
      | self::tei:lb | self::tei:cb | self::tei:milestone | self::tei:kinesic | self::tei:vocal | self::tei:incident
      | self::tei:pause | self::tei:shift | self::tei:writing | self::tei:q[@type = 'interjection'][@who]
      | self::comment() | self::processing-instruction()))
      or ($node instance of text() and not(normalize-space($node)))"/>
  </xsl:function>

  <!--
    The children of a block-holding element: runs of phrase content become one `wrap` element
    (seg in a turn, note outside), blocks are converted in the mode of the context. A run of
    nothing but global elements (an applause between paragraphs) is not wrapped.
  -->
  <xsl:template name="pm:blocks">
    <xsl:param name="source" as="element()"/>
    <xsl:param name="wrap" as="xs:string"/>
    <xsl:for-each-group select="$source/node()" group-adjacent="pm:structural(.)">
      <xsl:choose>
        <xsl:when test="current-grouping-key() and $wrap = 'seg'">
          <xsl:apply-templates select="current-group()" mode="pm:turn"/>
        </xsl:when>
        <xsl:when test="current-grouping-key()">
          <xsl:apply-templates select="current-group()" mode="pm:flow"/>
        </xsl:when>
        <xsl:when test="every $n in current-group() satisfies pm:global($n)">
          <xsl:apply-templates select="current-group()[self::*]" mode="pm:inline"/>
        </xsl:when>
        <xsl:when test="$wrap = 'seg'">
          <seg><xsl:apply-templates select="current-group()" mode="pm:inline"/></seg>
        </xsl:when>
        <xsl:otherwise>
          <note type="{pm:note-type($source)}">
            <xsl:copy-of select="$source/@ana"/>
            <xsl:apply-templates select="current-group()" mode="pm:inline">
              <xsl:with-param name="in-vote" select="pm:note-type($source) = 'vote'" tunnel="yes"/>
            </xsl:apply-templates>
          </note>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>

  <xsl:function name="pm:note-type" as="xs:string">
    <xsl:param name="block" as="element()"/>
    <xsl:sequence select="if (tokenize($block/@ana) = '#vote' or $block/@type = 'vote') then 'vote'
      else if ($block/self::tei:ab[@type = 'separator']) then 'separator'
      else 'narrative'"/>
  </xsl:function>

  <!-- ============================================================ pm:flow: outside turns -->

  <xsl:template match="/tei:TEI/tei:text/tei:front | /tei:TEI/tei:text/tei:back" mode="pm:flow">
    <xsl:variable name="content" as="node()*">
      <xsl:call-template name="pm:blocks">
        <xsl:with-param name="source" select="."/>
        <xsl:with-param name="wrap" select="'note'"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:if test="exists($content)">
      <xsl:element name="{local-name()}"><xsl:sequence select="$content"/></xsl:element>
    </xsl:if>
  </xsl:template>

  <xsl:template match="/tei:TEI/tei:text/tei:body" mode="pm:flow">
    <body>
      <xsl:call-template name="pm:blocks">
        <xsl:with-param name="source" select="."/>
        <xsl:with-param name="wrap" select="'note'"/>
      </xsl:call-template>
    </body>
  </xsl:template>

  <xsl:template match="tei:div" mode="pm:flow">
    <div type="{if (.//(tei:sp | tei:u)) then 'debateSection' else 'commentSection'}">
      <xsl:copy-of select="@xml:id | @n | @xml:lang | @ana"/>
      <!-- ParlaMint's own divisions keep their type; others keep it as the subtype -->
      <xsl:copy-of select="if (@type = ('debateSection', 'commentSection')) then @type | @subtype else ()"/>
      <xsl:if test="@type and not(@type = ('debateSection', 'commentSection'))">
        <xsl:attribute name="subtype" select="@type"/>
      </xsl:if>
      <xsl:call-template name="pm:blocks">
        <xsl:with-param name="source" select="."/>
        <xsl:with-param name="wrap" select="'note'"/>
      </xsl:call-template>
    </div>
  </xsl:template>

  <xsl:template match="tei:div/tei:head" mode="pm:flow">
    <head><xsl:copy-of select="@xml:id | @type | @xml:lang"/><xsl:apply-templates mode="pm:inline"/></head>
  </xsl:template>

  <!-- A turn: its printed label as a note of type speaker (as ParlaMint has it), then the u. -->
  <xsl:template match="tei:sp | tei:u" mode="pm:flow">
    <xsl:for-each select="tei:speaker[normalize-space()]">
      <note type="speaker"><xsl:copy-of select="@xml:id"/><xsl:apply-templates mode="pm:inline"/></note>
    </xsl:for-each>
    <u xml:id="{(@xml:id, $document-id || '.u' || accumulator-before('ed:turn'))[1]}">
      <xsl:copy-of select="@who"/>
      <xsl:variable name="ana" select="if (self::tei:u) then tokenize(@ana)
        else (pm:speaker-type(.) ! ('#' || .), tokenize(@ana))"/>
      <xsl:if test="exists($ana)"><xsl:attribute name="ana" select="$ana"/></xsl:if>
      <xsl:copy-of select="@xml:lang | @next | @prev | @corresp | @start | @end"/>
      <xsl:call-template name="pm:blocks">
        <xsl:with-param name="source" select="."/>
        <xsl:with-param name="wrap" select="'seg'"/>
      </xsl:call-template>
    </u>
  </xsl:template>

  <!-- The speaker's label became a note before the u (a label within the turn, in a document
       read out, is one of its segments). -->
  <xsl:template match="tei:sp[not(ancestor::tei:sp | ancestor::tei:u)]/tei:speaker" mode="pm:turn"/>

  <xsl:template match="tei:table" mode="pm:flow">
    <table>
      <xsl:copy-of select="@rows | @cols | @n | @xml:id | @xml:lang"/>
      <xsl:apply-templates select="tei:head | tei:row" mode="pm:table"/>
    </table>
  </xsl:template>

  <xsl:mode name="pm:table" on-no-match="fail" use-accumulators="#all"/>
  <xsl:template match="tei:head" mode="pm:table">
    <head><xsl:apply-templates mode="pm:inline"/></head>
  </xsl:template>
  <xsl:template match="tei:row" mode="pm:table">
    <row>
      <xsl:copy-of select="@role | @n"/>
      <xsl:apply-templates select="tei:cell" mode="pm:table"/>
    </row>
  </xsl:template>
  <xsl:template match="tei:cell" mode="pm:table">
    <cell>
      <xsl:copy-of select="@role | @n | @rows | @cols"/>
      <xsl:apply-templates mode="pm:inline"/>
    </cell>
  </xsl:template>

  <!-- Page furniture and the title page: their words are the header's or the page's, not the text's. -->
  <xsl:template match="tei:fw | tei:titlePage" mode="pm:flow"/>

  <!-- the fallback outside turns: any other block, or block holder, gives notes -->
  <xsl:template match="*" mode="pm:flow">
    <xsl:call-template name="pm:blocks">
      <xsl:with-param name="source" select="."/>
      <xsl:with-param name="wrap" select="'note'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ============================================================ pm:turn: inside a turn -->

  <!-- ParlaMint's own segments stay as they are, ids included. -->
  <xsl:template match="tei:u/tei:seg" mode="pm:turn">
    <seg>
      <xsl:copy-of select="@xml:id | @xml:lang | @ana"/>
      <xsl:apply-templates mode="pm:inline"/>
    </seg>
  </xsl:template>

  <!-- the fallback inside turns: any block, or block holder, gives segs -->
  <xsl:template match="*" mode="pm:turn">
    <xsl:call-template name="pm:blocks">
      <xsl:with-param name="source" select="."/>
      <xsl:with-param name="wrap" select="'seg'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ============================================================ pm:inline: phrases -->

  <xsl:template match="text()" mode="pm:inline">
    <xsl:variable name="t" select="if (pm:bracketed(following-sibling::node()[1])) then replace(., '\[\s*$', '') else string(.)"/>
    <xsl:value-of select="if (pm:bracketed(preceding-sibling::node()[1])) then replace($t, '^\s*\]', '') else $t"/>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()" mode="pm:inline"/>

  <!-- A correction: its reading only. -->
  <xsl:template match="tei:choice" mode="pm:inline">
    <xsl:apply-templates select="(tei:corr, tei:reg, tei:expan, *)[1]/node()" mode="pm:inline"/>
  </xsl:template>

  <!-- Names, dates and quantities keep their markup: corpus tools read them. -->
  <xsl:template match="tei:persName | tei:orgName | tei:placeName | tei:name | tei:rs | tei:date | tei:time
                       | tei:measure | tei:num" mode="pm:inline">
    <xsl:copy>
      <xsl:copy-of select="@* except @xml:id"/>
      <xsl:apply-templates mode="pm:inline"/>
    </xsl:copy>
  </xsl:template>

  <!-- A date the source leaves empty (inferred) has nothing to say in the text. -->
  <xsl:template match="tei:date[not(normalize-space())]" mode="pm:inline"/>

  <xsl:template match="tei:note" mode="pm:inline">
    <note>
      <xsl:copy-of select="@xml:id | @type | @subtype | @resp | @n | @place | @ana | @xml:lang"/>
      <xsl:apply-templates mode="pm:inline">
        <xsl:with-param name="in-vote" select="false()" tunnel="yes"/>
      </xsl:apply-templates>
    </note>
  </xsl:template>

  <!-- Linguistic annotation (ParlaMint .ana: sentences, tokens with their @join, names, syntax)
       passes through as it is; pm:finish leaves it alone. -->
  <xsl:template match="tei:s | tei:w | tei:pc | tei:linkGrp" mode="pm:inline">
    <xsl:copy-of select="." copy-namespaces="no"/>
  </xsl:template>

  <!-- Lacunae, page breaks and ParlaMint's own events pass through. -->
  <xsl:template match="tei:gap | tei:kinesic | tei:vocal | tei:incident | tei:pause | tei:shift | tei:writing" mode="pm:inline">
    <xsl:copy-of select="." copy-namespaces="no"/>
  </xsl:template>
  <xsl:template match="tei:pb | tei:milestone" mode="pm:inline">
    <xsl:copy><xsl:copy-of select="@* except @xml:id"/></xsl:copy>
  </xsl:template>

  <!-- Line and column breaks: the whitespace around them stays. -->
  <xsl:template match="tei:lb | tei:cb | tei:ptr" mode="pm:inline"/>

  <!-- A control character the transcript held (reading text: a space). -->
  <xsl:template match="tei:g[@type = 'control']" mode="pm:inline">
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- An omission marked in the source: its mark, not the editor's description. -->
  <xsl:template match="tei:ellipsis" mode="pm:inline">
    <xsl:apply-templates select="tei:metamark" mode="pm:inline"/>
  </xsl:template>

  <!-- Table cells read in a line are separated by a space. -->
  <xsl:template match="tei:cell" mode="pm:inline">
    <xsl:if test="preceding-sibling::tei:cell"><xsl:text> </xsl:text></xsl:if>
    <xsl:apply-templates mode="pm:inline"/>
  </xsl:template>

  <!-- the fallback inside a line: other markup is unwrapped, its words kept -->
  <xsl:template match="*" mode="pm:inline">
    <xsl:apply-templates mode="pm:inline"/>
  </xsl:template>

  <!-- ============================================================ the speaker's role -->

  <!-- Does the document say who chaired (a chair paragraph, a chair named, a CHAIRMAN label)? -->
  <xsl:variable name="pm:chairs-known" as="xs:boolean" select="exists(
    /tei:TEI/tei:text//*[tokenize(@ana) = '#session.chair'] | /tei:TEI/tei:text//tei:persName[@role = 'chair']
    | /tei:TEI/tei:text//tei:sp[pm:chair-label(.)])"/>

  <xsl:function name="pm:chair-label" as="xs:boolean">
    <xsl:param name="turn" as="element()"/>
    <xsl:sequence select="matches(normalize-space(string-join($turn/tei:speaker//text()[not(ancestor::tei:sic)])),
      '^(the\s+)?chair', 'i')"/>
  </xsl:function>

  <!-- The chairs of a division, from its own content (not its subdivisions): the people its chair
       paragraph names, or names with role chair, and whoever it labels as chair. -->
  <xsl:function name="pm:chairs-of" as="xs:string*">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="own" select="$div/*[not(self::tei:div)]"/>
    <xsl:sequence select="$own/descendant-or-self::*[tokenize(@ana) = '#session.chair']//tei:persName/@ref ! ed:local-ids(.),
      $own//tei:persName[@role = 'chair']/@ref ! ed:local-ids(.),
      $own/descendant-or-self::tei:sp[pm:chair-label(.)]/@who ! ed:local-ids(.)"/>
  </xsl:function>

  <!-- chair, guest or regular, as ParlaMint's u/@ana has it; nothing where the document does not say -->
  <xsl:function name="pm:speaker-type" as="xs:string?">
    <xsl:param name="turn" as="element()"/>
    <xsl:variable name="who" select="ed:local-ids($turn/@who)"/>
    <xsl:variable name="chairs" select="($turn/ancestor::tei:div[exists(pm:chairs-of(.))])[last()] ! pm:chairs-of(.)"/>
    <xsl:sequence select="
      if (not($pm:chairs-known) or empty($who)) then ()
      else if ($who = $chairs or pm:chair-label($turn)) then 'chair'
      else if ($who ! key('ed:id', ., root($turn))/tokenize(@role) = 'guest') then 'guest'
      else 'regular'"/>
  </xsl:function>

</xsl:stylesheet>
