<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI → Typst markup, mode `typst`: one rule per element family, presentation only; what a gap,
  a correction or a note is called comes from xslt/common/functions.xsl, how it is set from
  assets/book.typ. Every piece of text goes through ed:typst-text (markup.xsl).

  Blocks are separated by a blank line (a Typst paragraph break), written by the block itself
  before its content. Corrections, lacunae and notes are entries of the apparatus (#app): keyed by
  the line they stand on and a lemma, nothing is printed in the text but the reading (and the
  sign of a lacuna). Furniture (fw: running heads, catchwords, a web page's boilerplate) is never
  printed. Elements with no rule go through ONE fallback (the last template): their content is
  set inline and the element is reported by an xsl:message "W401 no Typst rule for <x>".
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:functions"
    exclude-result-prefixes="#all">

  <xsl:mode name="typst" on-no-match="fail" use-accumulators="#all"/>

  <xsl:variable name="ed:parbreak" as="xs:string" select="'&#10;&#10;'"/>

  <!-- Every entry of the apparatus numbered in the order of the text (one pass): the layout finds
       the entries that share a line by asking for an entry's neighbours by number (book.typ,
       `reserve`). An element counted here but printing no entry (inside a reading, say) leaves
       a hole, and the entries either side of it then reserve their space apart. -->
  <xsl:accumulator name="ed:entry" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:text//(tei:choice | tei:app | tei:note | tei:gap)" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:template match="text()" mode="typst">
    <xsl:param name="marker-at" as="node()?" select="()" tunnel="yes"/>
    <xsl:param name="marker" as="xs:string" select="''" tunnel="yes"/>
    <xsl:param name="line" as="xs:string" select="'none'" tunnel="yes"/>
    <!-- an addition (a variant with an empty lemma) keyed by this node's last or first word -->
    <xsl:variable name="before" select="following-sibling::node()[1][self::tei:app][ed:addition-anchor(.) = 'before']"/>
    <xsl:variable name="after" select="preceding-sibling::node()[1][self::tei:app][ed:addition-anchor(.) = 'after']"/>
    <xsl:choose>
      <!-- the first word of a variant's lemma, boxed with the entry's marker (see tei:app) -->
      <xsl:when test=". is $marker-at">
        <xsl:analyze-string select="." regex="^(\s*)(\S+)(.*)$" flags="s">
          <xsl:matching-substring>
            <xsl:value-of select="ed:typst-text(regex-group(1)) || '#box[' || $marker || ed:typst-text(regex-group(2))
              || ']' || ed:typst-text(regex-group(3))"/>
          </xsl:matching-substring>
        </xsl:analyze-string>
      </xsl:when>
      <xsl:when test="$before or $after">
        <xsl:variable name="words" select="tokenize(normalize-space(.), ' ')"/>
        <xsl:variable name="set" as="xs:string*" select="for $i in 1 to count($words) return
          if ($i = 1 or $i = count($words)) then
            '#box[' || (if ($i = 1 and $after) then ed:variant-marker($after, $line) else '') || ed:typst-text($words[$i])
            || (if ($i = count($words) and $before) then ed:variant-marker($before, $line) else '') || ']'
          else ed:typst-text($words[$i])"/>
        <xsl:value-of select="ed:typst-text(replace(., '^(\s*)\S.*$', '$1', 's')) || string-join($set, ed:typst-text(' '))
          || ed:typst-text(replace(., '^.*\S(\s*)$', '$1', 's'))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="ed:typst-text(.)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- whitespace between blocks (a text node of blanks where no text is) is no paragraph -->
  <xsl:template match="text()[not(normalize-space())][not(../text()[normalize-space()])]" mode="typst"/>
  <xsl:template match="comment() | processing-instruction()" mode="typst"/>

  <!-- ============================================================ divisions, headings, blocks -->

  <xsl:template match="tei:front | tei:back | tei:body | tei:group | tei:text" mode="typst">
    <xsl:apply-templates mode="typst"/>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4" mode="typst">
    <xsl:value-of select="$ed:parbreak"/>
    <xsl:apply-templates mode="typst"/>
  </xsl:template>

  <xsl:template match="tei:head" mode="typst">
    <xsl:variable name="depth" select="count(ancestor::tei:div | ancestor::tei:div1 | ancestor::tei:div2
      | ancestor::tei:div3 | ancestor::tei:div4)"/>
    <xsl:choose>
      <xsl:when test="$depth ge 1 and (parent::tei:div | parent::tei:div1 | parent::tei:div2 | parent::tei:div3 | parent::tei:div4)">
        <xsl:value-of select="$ed:parbreak || '#heading(level: ' || min((3, $depth)) || ', outlined: '
          || (if ($depth le 2) then 'true' else 'false') || ')['"/>
        <xsl:apply-templates mode="typst"/>
        <xsl:value-of select="']' || $ed:parbreak"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$ed:parbreak || '#block(sticky: true)[#smallcaps['"/>
        <xsl:apply-templates mode="typst"/>
        <xsl:value-of select="']]' || $ed:parbreak"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab | tei:seg[parent::tei:u]" mode="typst">
    <xsl:variable name="run-in" select="preceding-sibling::*[1][self::tei:speaker] and parent::tei:sp"/>
    <xsl:if test="not($run-in)"><xsl:value-of select="$ed:parbreak"/></xsl:if>
    <xsl:choose>
      <xsl:when test="contains(@ana, '#vote')">#block(inset: (left: 1em), stroke: (left: 1.2pt))[</xsl:when>
      <xsl:when test="contains(@ana, '#session.')">#text(size: 9.5pt)[</xsl:when>
      <xsl:when test="@type = ('separator', 'subheading')">#align(center)[</xsl:when>
      <xsl:otherwise>#[</xsl:otherwise>
    </xsl:choose>
    <xsl:apply-templates mode="typst"/>
    <xsl:value-of select="']' || $ed:parbreak"/>
  </xsl:template>

  <!-- furniture is never printed -->
  <xsl:template match="tei:fw" mode="typst"/>

  <!-- ============================================================ turns -->

  <xsl:template match="tei:sp | tei:u" mode="typst">
    <xsl:value-of select="$ed:parbreak || '#turn(' || ed:typst-array(ed:local-ids(@who)) || ')['"/>
    <xsl:if test="self::tei:u and @who">
      <xsl:value-of select="'#speaker(' || ed:typst-string(string-join(ed:local-ids(@who) ! ed:name-of(.), ', ') || ':') || ') '"/>
    </xsl:if>
    <xsl:apply-templates mode="typst"/>
    <xsl:value-of select="']' || $ed:parbreak"/>
  </xsl:template>

  <!-- the label: run into a speech in prose, a line of its own over verse or a direction -->
  <xsl:template match="tei:speaker" mode="typst">
    <xsl:variable name="run-in" select="following-sibling::*[1][self::tei:p]"/>
    <xsl:value-of select="if ($run-in) then $ed:parbreak else $ed:parbreak || '#block(sticky: true, spacing: 0.4em)['"/>
    <xsl:text>#speaker[</xsl:text>
    <xsl:apply-templates mode="typst"/>
    <xsl:value-of select="if ($run-in) then '] ' else ']]' || $ed:parbreak"/>
  </xsl:template>

  <xsl:template match="tei:stage | tei:kinesic | tei:vocal | tei:incident | tei:move | tei:set" mode="typst">
    <xsl:choose>
      <xsl:when test="ancestor::tei:p or ancestor::tei:ab or ancestor::tei:l or ancestor::tei:head or ancestor::tei:speaker">
        <xsl:text>#stage[</xsl:text><xsl:apply-templates mode="typst"/><xsl:text>]</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$ed:parbreak || '#block(inset: (left: 1.2em))[#stage['"/>
        <xsl:apply-templates mode="typst"/>
        <xsl:value-of select="']]' || $ed:parbreak"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:desc" mode="typst">
    <xsl:apply-templates mode="typst"/>
  </xsl:template>

  <!-- ============================================================ verse -->

  <xsl:template match="tei:lg" mode="typst">
    <xsl:value-of select="$ed:parbreak || '#block(above: 0.6em, below: 0.6em)['"/>
    <xsl:apply-templates mode="typst"/>
    <xsl:value-of select="']' || $ed:parbreak"/>
  </xsl:template>

  <xsl:template match="tei:l" mode="typst">
    <xsl:variable name="n" select="if (matches(@n, '^[0-9]{1,6}$')) then string(xs:integer(@n)) else 'none'"/>
    <xsl:value-of select="$ed:parbreak || '#verse(' || $n || (if (contains(@rend, 'indent')) then ', indent: true' else '') || ')['"/>
    <xsl:apply-templates mode="typst"><xsl:with-param name="line" select="$n" tunnel="yes"/></xsl:apply-templates>
    <xsl:value-of select="']' || $ed:parbreak"/>
  </xsl:template>

  <!-- ============================================================ documents, lists, tables -->

  <xsl:template match="tei:floatingText" mode="typst">
    <xsl:value-of select="$ed:parbreak || '#block(inset: (left: 1.5em, right: 1.5em), above: 8pt, below: 8pt)[#set text(size: 9.5pt)'"/>
    <xsl:value-of select="$ed:parbreak"/>
    <xsl:apply-templates mode="typst"/>
    <xsl:value-of select="']' || $ed:parbreak"/>
  </xsl:template>

  <xsl:template match="tei:list | tei:listBibl | tei:castList | tei:castGroup | tei:listPerson | tei:listOrg
                       | tei:listPlace | tei:listEvent | tei:listRelation" mode="typst">
    <xsl:apply-templates select="tei:head" mode="typst"/>
    <xsl:value-of select="$ed:parbreak"/>
    <xsl:apply-templates select="node() except tei:head" mode="typst"/>
    <xsl:value-of select="$ed:parbreak"/>
  </xsl:template>

  <xsl:template match="tei:item | tei:castItem | tei:bibl[parent::tei:listBibl] | tei:person | tei:org | tei:personGrp
                       | tei:place | tei:event | tei:relation" mode="typst">
    <xsl:value-of select="$ed:parbreak || '#item(bullet: ' || (if (@n) then 'false' else 'true') || ')['"/>
    <xsl:apply-templates mode="typst"/>
    <xsl:value-of select="']' || $ed:parbreak"/>
  </xsl:template>

  <xsl:template match="tei:label" mode="typst">
    <xsl:apply-templates mode="typst"/>
  </xsl:template>

  <xsl:template match="tei:table" mode="typst">
    <xsl:variable name="columns" select="max((tei:row ! count(tei:cell), 1))"/>
    <xsl:value-of select="$ed:parbreak || '#block(above: 6pt, below: 6pt)[#set text(size: 8.5pt)&#10;#set par(justify: false, first-line-indent: 0pt)&#10;#table(columns: '
      || $columns || ', stroke: (bottom: 0.3pt + luma(60%)), inset: 2pt, align: left,&#10;'"/>
    <xsl:for-each select="tei:row">
      <xsl:variable name="cells" select="tei:cell"/>
      <xsl:for-each select="$cells">
        <xsl:text>[</xsl:text><xsl:apply-templates mode="typst"/><xsl:text>],</xsl:text>
      </xsl:for-each>
      <xsl:for-each select="(count($cells) + 1) to $columns"><xsl:text>[],</xsl:text></xsl:for-each>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
    <xsl:value-of select="')]' || $ed:parbreak"/>
    <xsl:if test="tei:head">
      <xsl:apply-templates select="tei:head" mode="typst"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:titlePage | tei:docTitle | tei:titlePart | tei:opener | tei:closer | tei:trailer
                       | tei:byline | tei:dateline | tei:signed | tei:epigraph | tei:argument | tei:docAuthor
                       | tei:docImprint | tei:docDate | tei:salute | tei:postscript | tei:set[not(ancestor::tei:p)]" mode="typst">
    <xsl:value-of select="$ed:parbreak || '#front-block['"/>
    <xsl:apply-templates mode="typst"/>
    <xsl:value-of select="']' || $ed:parbreak"/>
  </xsl:template>

  <!-- ============================================================ the apparatus -->

  <xsl:template match="tei:choice" mode="typst">
    <xsl:param name="line" as="xs:string" select="'none'" tunnel="yes"/>
    <xsl:variable name="reading" select="tei:corr | tei:reg | tei:expan"/>
    <xsl:apply-templates select="$reading" mode="typst"/>
    <xsl:value-of select="'#app(&quot;corr&quot;, ' || ed:typst-string(normalize-space(string-join($reading//text())))
      || ', [#emph(' || ed:typst-string(string-join((tei:sic | tei:orig | tei:abbr)//text())) || ') printed], line: ' || $line
      || ', seq: ' || accumulator-before('ed:entry') || ed:long-entry(string-length(string-join((tei:sic | tei:orig | tei:abbr)//text())))
      || ');'"/>
  </xsl:template>

  <xsl:template match="tei:sic | tei:orig | tei:abbr" mode="typst"/>

  <!-- a variant site of a collation: the lemma in the text; its readings an entry of the
       apparatus keyed by line and lemma, each reading (or "om.") followed by its witnesses' sigla -->
  <xsl:template match="tei:app" mode="typst">
    <xsl:param name="line" as="xs:string" select="'none'" tunnel="yes"/>
    <xsl:variable name="lem" select="tei:lem"/>
    <!-- the entry is keyed by the line where the lemma begins: its marker is boxed with the
         lemma's first word (a marker before the word, after a space, went with the line before);
         an addition's, with the word it is keyed by (the text node beside it sets it) -->
    <xsl:variable name="first" select="($lem//text()[normalize-space()])[1]"/>
    <xsl:if test="empty($first) and ed:addition-anchor(.) = 'none'">
      <xsl:value-of select="ed:variant-marker(., $line)"/>
    </xsl:if>
    <xsl:apply-templates select="$lem" mode="typst">
      <xsl:with-param name="marker-at" select="$first" tunnel="yes"/>
      <xsl:with-param name="marker" select="ed:variant-marker(., $line)" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- An entry of more characters than this is flagged `long: true`: the layout measures it as set
       in lines rather than as one line (book.typ, `share`), and it may continue on the next page.
       (A flag written here, where its length is a count: asked of every entry in the layout, it
       cost 2 % of the Darwin chapter's.) -->
  <xsl:variable name="ed:long-entry-chars" as="xs:integer" select="2000"/>
  <xsl:function name="ed:long-entry" as="xs:string">
    <xsl:param name="chars" as="xs:integer"/>
    <xsl:sequence select="if ($chars gt $ed:long-entry-chars) then ', long: true' else ''"/>
  </xsl:function>

  <!-- An addition (a variant whose lemma is empty) is keyed, as critical editions key it, by the
       word before it ("variety] variety Causes of Variability. 1872"), or at the start of a
       block by the word after it: 'before', 'after', or 'none' where no word is beside it. -->
  <xsl:function name="ed:addition-anchor" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="
      if (normalize-space(string-join($app/tei:lem//text())) != '') then 'lemma'
      else if ($app/preceding-sibling::node()[1][self::text()][matches(., '\S\s*$')]) then 'before'
      else if ($app/following-sibling::node()[1][self::text()][matches(., '^\s*\S')]) then 'after'
      else 'none'"/>
  </xsl:function>

  <!-- the entry of a variant site: its lemma (an addition's, the word it is keyed by) and the
       readings with their witnesses' sigla; a reading that is empty where the lemma is empty
       agrees with it and is not listed -->
  <xsl:function name="ed:variant-marker" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:param name="line" as="xs:string"/>
    <xsl:variable name="anchor" select="ed:addition-anchor($app)"/>
    <xsl:variable name="word" select="
      if ($anchor = 'before') then tokenize(normalize-space($app/preceding-sibling::node()[1]), ' ')[last()]
      else if ($anchor = 'after') then tokenize(normalize-space($app/following-sibling::node()[1]), ' ')[1]
      else ''"/>
    <xsl:variable name="readings" as="xs:string*" select="($app/tei:rdg | $app/tei:rdgGrp/tei:rdg)
      [not($anchor = ('before', 'after', 'none') and normalize-space(.) = '')] !
      ('#emph(' || ed:typst-string(
          if (normalize-space(.) = '') then 'om.'
          else if ($anchor = 'before') then $word || ' ' || normalize-space(.)
          else if ($anchor = 'after') then normalize-space(.) || ' ' || $word
          else normalize-space(.)) || ') '
       || ed:typst-text(string-join(ed:sigla(@wit), ' ')))"/>
    <xsl:sequence select="'#app(&quot;variant&quot;, '
      || ed:typst-string(if ($anchor = 'lemma') then normalize-space(string-join($app/tei:lem//text())) else $word)
      || ', [' || string-join($readings, '; ') || '], line: ' || $line || ', seq: ' || $app/accumulator-before('ed:entry')
      || ed:long-entry(sum(($app/tei:rdg | $app/tei:rdgGrp/tei:rdg) ! string-length(normalize-space(.)))) || ');'"/>
  </xsl:function>

  <xsl:template match="tei:lem" mode="typst">
    <xsl:apply-templates mode="typst"/>
  </xsl:template>

  <!-- readings are the apparatus's; the marks of a fragmentary witness print nothing in the text -->
  <xsl:template match="tei:rdg | tei:rdgGrp | tei:witStart | tei:witEnd | tei:lacunaStart | tei:lacunaEnd" mode="typst"/>

  <!-- the sigla of the witnesses a @wit points at: each witness's @n, else its id -->
  <xsl:function name="ed:sigla" as="xs:string*">
    <xsl:param name="wit" as="attribute()?"/>
    <xsl:variable name="doc" select="root($wit)"/>
    <xsl:sequence select="tokenize(normalize-space($wit)) ! substring-after(., '#') !
      (let $id := . return ($doc//tei:witness[@xml:id = $id]/@n, $id)[1] ! string(.))"/>
  </xsl:function>

  <xsl:template match="tei:note" mode="typst">
    <xsl:param name="line" as="xs:string" select="'none'" tunnel="yes"/>
    <xsl:value-of select="'#app(&quot;note&quot;, ' || ed:typst-string(ed:lemma(.)) || ', ['"/>
    <xsl:apply-templates mode="typst"/>
    <xsl:value-of select="'], number: ' || accumulator-before('ed:note') || ', line: ' || $line
      || ', seq: ' || accumulator-before('ed:entry') || ed:long-entry(string-length(normalize-space(.))) || ');'"/>
  </xsl:template>

  <xsl:template match="tei:gap" mode="typst">
    <xsl:param name="line" as="xs:string" select="'none'" tunnel="yes"/>
    <xsl:text>⟨…⟩</xsl:text>
    <xsl:value-of select="'#app(&quot;note&quot;, &quot;⟨…⟩&quot;, ' || ed:typst-string(ed:gap-label(.)) || ', line: ' || $line
      || ', seq: ' || accumulator-before('ed:entry') || ');'"/>
  </xsl:template>

  <!-- the lemma of a note: the word it follows (a lacuna or a note at the start: none) -->
  <xsl:function name="ed:lemma" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <!-- the three nearest text nodes of the printed text (readings of a collation are not), in
         document order: reversed, they had keyed a note by a word of the farthest ("CCKollontai") -->
    <xsl:variable name="before" select="$note/preceding::text()[not(ancestor::tei:sic | ancestor::tei:orig
      | ancestor::tei:abbr | ancestor::tei:note | ancestor::tei:fw | ancestor::tei:teiHeader
      | ancestor::tei:rdg)][position() le 3]"/>
    <xsl:sequence select="replace((tokenize(normalize-space(string-join($before)))[last()], '')[1], '[\p{P}]+$', '')"/>
  </xsl:function>

  <!-- ============================================================ inline -->

  <xsl:template match="tei:hi | tei:emph | tei:foreign | tei:term | tei:soCalled | tei:mentioned | tei:title" mode="typst">
    <xsl:variable name="rend" select="string(@rend)"/>
    <xsl:choose>
      <xsl:when test="matches($rend, 'bold')"><xsl:text>#strong[</xsl:text><xsl:apply-templates mode="typst"/><xsl:text>]</xsl:text></xsl:when>
      <xsl:when test="matches($rend, 'small-?caps|sc')"><xsl:text>#smallcaps[</xsl:text><xsl:apply-templates mode="typst"/><xsl:text>]</xsl:text></xsl:when>
      <xsl:when test="self::tei:hi and not(matches($rend, 'italic')) and $rend != ''"><xsl:apply-templates mode="typst"/></xsl:when>
      <xsl:otherwise><xsl:text>#emph[</xsl:text><xsl:apply-templates mode="typst"/><xsl:text>]</xsl:text></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:corr | tei:reg | tei:expan | tei:supplied | tei:add | tei:unclear | tei:damage
                       | tei:restore | tei:ellipsis | tei:metamark | tei:q | tei:quote | tei:said
                       | tei:persName[not(@ref)] | tei:orgName | tei:name | tei:placeName | tei:rs | tei:roleName
                       | tei:forename | tei:surname | tei:addName | tei:genName | tei:affiliation
                       | tei:measure | tei:num | tei:date | tei:time | tei:geo | tei:unit | tei:seg | tei:ref
                       | tei:role | tei:roleDesc | tei:idno | tei:bibl | tei:figure | tei:g | tei:del | tei:surplus" mode="typst">
    <xsl:apply-templates mode="typst"/>
  </xsl:template>

  <!-- a person named in the text: a marker for the index of persons mentioned -->
  <xsl:template match="tei:persName[@ref]" mode="typst">
    <xsl:value-of select="'#mention(' || ed:typst-array(ed:local-ids(@ref)) || ')'"/>
    <xsl:apply-templates mode="typst"/>
  </xsl:template>

  <xsl:template match="tei:ptr" mode="typst">
    <xsl:value-of select="ed:typst-text(@target)"/>
  </xsl:template>

  <xsl:template match="tei:lb | tei:pb | tei:cb | tei:milestone | tei:anchor | tei:space | tei:caesura
                       | tei:graphic | tei:media | tei:timeline" mode="typst"/>

  <xsl:template match="*" mode="typst" priority="-10">
    <xsl:message select="'W401 no Typst rule for &lt;' || name() || '&gt;; its text is set inline'"/>
    <xsl:apply-templates mode="typst"/>
  </xsl:template>

</xsl:stylesheet>
