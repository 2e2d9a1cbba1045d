<?xml version="1.0" encoding="UTF-8"?>
<!--
  The HTML edition: a static site from one TEI document (or a teiCorpus), readable from file://.

  Parameters (all optional):
    tei-download  xs:string  file name of the TEI copy the site offers for download ('' = none)
    text-download xs:string  file name of the plain-text copy ('' = none)
    pdf-download  xs:string  file name of the PDF ('' = none)
    site-url      xs:string  where the site will be published, for citations ('' = not known)
  Made by the toolkit (required):
    reading-data  xs:string  JSON from edition/render/reading.py: each turn's spoken words (the
                             charts) and the totals of turns and blocks it counted, checked here

  Pages (xsl:result-document): index.html (title page and contents), about.html (the edition's
  principles, from the header), one page per part of the text (front matter, each top-level
  division of the body, back matter) with previous/next links, people.html (the register's
  index) and a page per entry of the register with its turns (xslt/html/people.xsl), notes.html (notes, corrections and lacunae as lists), search.html (the
  offline search, xslt/html/search.xsl). The principal result is the search index without its
  texts (JSON), which the toolkit completes with them and writes as search-index.js
  (edition/render/reading.py): the texts of a 15 MB TEI cost Saxon seconds, Python a tenth. Every file name is made by ed:file-name
  (xslt/common/functions.xsl) from a sanitised token, never from an id as it stands; the toolkit
  captures the documents and writes them itself, refusing any name outside the site's folder
  (edition/render/saxon.py).

  Modes: #unnamed builds the site; `html` renders TEI (xslt/html/text.xsl), with one explicit
  fallback for elements no rule covers, which is reported by xsl:message (never dropped).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:include href="../common/functions.xsl"/>
  <xsl:include href="../common/document.xsl"/>
  <xsl:include href="text.xsl"/>
  <xsl:include href="pages.xsl"/>
  <xsl:include href="people.xsl"/>
  <xsl:include href="search.xsl"/>
  <xsl:include href="cite.xsl"/>
  <xsl:include href="chart.xsl"/>
  <xsl:include href="apparatus.xsl"/>

  <!-- File name of the TEI copy the site offers for download ('' = none). -->
  <xsl:param name="tei-download" as="xs:string" select="''"/>
  <!-- File name of the plain-text copy offered for download ('' = none). -->
  <xsl:param name="text-download" as="xs:string" select="''"/>
  <!-- File name of the PDF offered for download ('' = none). -->
  <xsl:param name="pdf-download" as="xs:string" select="''"/>
  <!-- Where the site will be published, for citations ('' = not known). -->
  <xsl:param name="site-url" as="xs:string" select="''"/>
  <!-- What the toolkit read of the text (edition/render/reading.py), JSON: each turn's spoken
       words and the totals of turns and blocks. -->
  <xsl:param name="reading-data" as="xs:string" required="yes"/>

  <!-- The text's characters as the toolkit read them (edition/render/reading.py), checked: it
       must count the turns and blocks this stylesheet numbers (the accumulators ed:turn and
       ed:block), else a turn's words would be shown as another's. -->
  <xsl:variable name="ed:reading" as="map(*)" select="ed:checked-reading(parse-json($reading-data))"/>

  <xsl:function name="ed:checked-reading" as="map(*)">
    <xsl:param name="data" as="map(*)"/>
    <xsl:variable name="turns" select="$root/accumulator-after('ed:turn')"/>
    <xsl:variable name="blocks" select="$root/accumulator-after('ed:block')"/>
    <xsl:sequence select="if ($data?turns eq $turns and $data?blocks eq $blocks) then $data
      else error(QName('urn:x-edition:errors', 'ED02'), 'edition/render/reading.py counted ' || $data?turns
        || ' turns and ' || $data?blocks || ' blocks, the stylesheet ' || $turns || ' and ' || $blocks)"/>
  </xsl:function>

  <xsl:global-context-item use="required"/>
  <xsl:mode use-accumulators="#all" on-no-match="fail"/>

  <!-- the principal result: the search index without its texts (JSON) -->
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:output name="page" method="html" html-version="5" encoding="UTF-8" indent="no"/>

  <!-- Page names the site uses itself (nav: the e-book's contents); no part of the text takes one. -->
  <xsl:variable name="site-pages" select="('index', 'about', 'people', 'notes', 'search', 'search-index', 'nav')"/>
  <!-- A division whose id comes out as one of these gets a numbered page instead. -->
  <xsl:variable name="reserved" select="($site-pages, 'front', 'back')"/>

  <!--
    The pages: each part of the text (xslt/common/document.xsl) with the file it is written to,
    named by ed:file-name. A division's page is named after its id (made safe by ed:file-token,
    at most 80 characters), else 'part-N'; front and back matter are 'front' and 'back'. A name
    already given (compared without case, as some file systems do) gets the first free '-2', '-3' …,
    so no two pages share a file, whatever the ids.
  -->
  <xsl:variable name="pages" as="map(*)*">
    <xsl:iterate select="$parts">
      <!-- lower-cased name given → the next suffix to try for it -->
      <xsl:param name="taken" as="map(xs:string, xs:integer)" select="map:merge($site-pages ! map:entry(., 2))"/>
      <xsl:variable name="id" select="replace(substring(ed:file-token(?div/@xml:id), 1, 80), '-+$', '')"/>
      <xsl:variable name="wanted" select="?prefix || (
        if (?kind != 'body') then ?kind
        else if ($id and not(lower-case($id) = $reserved or ed:device-name($id))) then $id
        else 'part-' || ?n)"/>
      <xsl:variable name="key" select="lower-case($wanted)"/>
      <xsl:variable name="n" as="xs:integer" select="if (map:contains($taken, $key))
        then ed:free-suffix($key, $taken, $taken($key)) else 0"/>
      <xsl:variable name="token" select="if ($n) then $wanted || '-' || $n else $wanted"/>
      <xsl:sequence select="map:put(map:put(., 'file', ed:file-name($token, 'html')), 'date', ed:part-date(.))"/>
      <xsl:next-iteration>
        <xsl:with-param name="taken" select="map:put(map:put($taken, lower-case($token), 2), $key, max(($n + 1, 2)))"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:variable>

  <!-- The date of a part, for hits and citations: the first dated heading of its division
       (SESSION OF <date when="1917-03-29">), else the date of the setting (ParlaMint), else ''. -->
  <xsl:function name="ed:part-date" as="xs:string">
    <xsl:param name="part" as="map(*)"/>
    <xsl:sequence select="string(($part?div/tei:head[1]//tei:date/@when, $part?div/@when,
      $header//tei:settingDesc//tei:date/@when, '')[1])"/>
  </xsl:function>

  <!-- Each page by its file: title and date, for the register's and the search's session labels. -->
  <xsl:variable name="page-by-file" as="map(xs:string, map(*))" select="map:merge($pages ! map:entry(?file, .))"/>

  <xsl:function name="ed:free-suffix" as="xs:integer">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="taken" as="map(xs:string, xs:integer)"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="if (map:contains($taken, $key || '-' || $n)) then ed:free-suffix($key, $taken, $n + 1) else $n"/>
  </xsl:function>

  <!-- Which page each top-level node is on: generate-id → file. -->
  <xsl:variable name="page-of-top" as="map(xs:string, xs:string)" select="map:merge(
      for $p in $pages return for $n in $p?nodes return map:entry(generate-id($n), $p?file))"/>

  <!-- The page a node is on: its top-level node is found by its place (a child of a TEI's body, or
       its front or back), and only that one is looked up: asking every ancestor for its id cost
       more than all the rest of the people page. -->
  <xsl:function name="ed:page-of" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="top" select="$node/ancestor-or-self::node()[parent::tei:body/parent::tei:text/parent::tei:TEI
      or (self::tei:front | self::tei:back)/parent::tei:text/parent::tei:TEI][1]"/>
    <xsl:sequence select="($top ! $page-of-top(generate-id(.)), 'index.html')[1]"/>
  </xsl:function>


  <!-- ============================================================ the site -->

  <!-- The names of the files the site is written to, in the order the template below writes
       them: asked for first, so that the toolkit checks every name before Saxon writes anything
       (edition/render/saxon.py, transform with a plan), and checks afterwards that these files,
       and only these, were written. -->
  <xsl:template name="ed:site-files" as="xs:string*">
    <xsl:sequence select="ed:file-name('index', 'html'), ed:file-name('about', 'html'), $pages ! ?file,
      ed:file-name('people', 'html'), $ed:register ! ?file, ed:file-name('notes', 'html'), ed:file-name('search', 'html')"/>
  </xsl:template>

  <xsl:template match="/">
    <xsl:result-document href="{ed:file-name('index', 'html')}" format="page">
      <xsl:call-template name="ed:title-page"/>
    </xsl:result-document>
    <xsl:result-document href="{ed:file-name('about', 'html')}" format="page">
      <xsl:call-template name="ed:about-page"/>
    </xsl:result-document>
    <xsl:for-each select="$pages">
      <xsl:variable name="i" select="position()"/>
      <xsl:result-document href="{?file}" format="page">
        <xsl:call-template name="ed:text-page">
          <xsl:with-param name="page" select="."/>
          <xsl:with-param name="previous" select="$pages[$i - 1]"/>
          <xsl:with-param name="next" select="$pages[$i + 1]"/>
        </xsl:call-template>
      </xsl:result-document>
    </xsl:for-each>
    <xsl:result-document href="{ed:file-name('people', 'html')}" format="page">
      <xsl:call-template name="ed:people-page"/>
    </xsl:result-document>
    <xsl:for-each select="$ed:register">
      <xsl:variable name="i" select="position()"/>
      <xsl:result-document href="{?file}" format="page">
        <xsl:call-template name="ed:person-page">
          <xsl:with-param name="person" select="."/>
          <xsl:with-param name="previous" select="$ed:register[$i - 1]"/>
          <xsl:with-param name="next" select="$ed:register[$i + 1]"/>
        </xsl:call-template>
      </xsl:result-document>
    </xsl:for-each>
    <xsl:result-document href="{ed:file-name('notes', 'html')}" format="page">
      <xsl:call-template name="ed:notes-page"/>
    </xsl:result-document>
    <xsl:result-document href="{ed:file-name('search', 'html')}" format="page">
      <xsl:call-template name="ed:search-page"/>
    </xsl:result-document>
    <xsl:call-template name="ed:search-index"/>
  </xsl:template>

</xsl:stylesheet>
