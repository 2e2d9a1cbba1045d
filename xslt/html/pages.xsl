<?xml version="1.0" encoding="UTF-8"?>
<!--
  The pages of the site and their common frame: landmarks, the view switch, search, navigation,
  downloads. Every page works without JavaScript; the script adds persistence of the view,
  search and the citation dialog.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- ============================================================ the frame -->

  <xsl:template name="ed:frame">
    <xsl:param name="page-title" as="xs:string"/>
    <xsl:param name="file" as="xs:string"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="nav" as="node()*" select="()"/>
    <!-- a part of the text (a map of $pages): its text and chart are written in place, after $content -->
    <xsl:param name="text-page" as="map(*)?" select="()"/>
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="if ($page-title = $title) then $title else $page-title || ' — ' || $title"/></title>
        <link rel="stylesheet" href="assets/edition.css"/>
        <script src="assets/edition.js" defer="defer"></script>
        <script src="assets/notes.js" defer="defer"></script>
        <script src="assets/search.js" defer="defer"></script>
        <script src="assets/cite.js" defer="defer"></script>
      </head>
      <body>
        <xsl:call-template name="ed:cite-data">
          <xsl:with-param name="page-title" select="$page-title"/>
          <xsl:with-param name="file" select="$file"/>
        </xsl:call-template>
        <a class="skip" href="#main"><xsl:value-of select="ed:msg('skip', $root)"/></a>
        <header class="site" role="banner">
          <p class="site-title"><a href="index.html"><xsl:value-of select="$title"/></a></p>
          <nav aria-label="{ed:msg('site', $root)}">
            <ul>
              <li><a href="index.html"><xsl:value-of select="ed:msg('contents', $root)"/></a></li>
              <li><a href="about.html"><xsl:value-of select="ed:msg('about', $root)"/></a></li>
              <li><a href="people.html"><xsl:value-of select="ed:msg('people', $root)"/></a></li>
              <li><a href="notes.html"><xsl:value-of select="ed:msg('notes-page', $root)"/></a></li>
            </ul>
          </nav>
          <!-- the switch only on a page with something printed otherwise than it is read: a part of
               the text asks its source (ed:shows-readings), other pages their content -->
          <xsl:if test="if (exists($text-page)) then ed:shows-readings($text-page?nodes)
                        else $content//*:span[@class = 'choice'] or $content//*:br[@class = 'lb']">
            <fieldset class="view-switch">
              <legend><xsl:value-of select="ed:msg('view', $root)"/></legend>
              <label><input type="radio" name="view" value="reading" id="view-reading" checked="checked"/><xsl:text> </xsl:text><xsl:value-of select="ed:msg('view-reading', $root)"/></label>
              <label><input type="radio" name="view" value="diplomatic" id="view-diplomatic"/><xsl:text> </xsl:text><xsl:value-of select="ed:msg('view-printed', $root)"/></label>
            </fieldset>
          </xsl:if>
          <form class="search js-only" role="search" action="search.html" method="get" hidden="hidden"
                data-all="{ed:msg('search.all', $root)}" data-found="{ed:msg('search.found', $root)}" data-none="{ed:msg('search.none', $root)}">
            <label for="search-q"><xsl:value-of select="ed:msg('search', $root)"/></label>
            <input type="search" id="search-q" name="q" autocomplete="off"/>
            <div id="search-results" aria-live="polite"></div>
          </form>
        </header>
        <xsl:sequence select="$nav"/>
        <main id="main" tabindex="-1">
          <xsl:sequence select="$content"/>
          <xsl:if test="exists($text-page)">
            <xsl:call-template name="ed:text-page-content"><xsl:with-param name="page" select="$text-page"/></xsl:call-template>
          </xsl:if>
        </main>
        <xsl:sequence select="$nav"/>
        <footer class="site" role="contentinfo">
          <xsl:call-template name="ed:downloads"/>
          <p class="licence"><xsl:value-of select="$ed:licence"/></p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="ed:downloads">
    <xsl:variable name="links" as="element()*">
      <xsl:if test="$tei-download"><a href="{$tei-download}" download="">TEI XML</a></xsl:if>
      <xsl:if test="$text-download"><a href="{$text-download}" download=""><xsl:value-of select="ed:msg('plain-text', $root)"/></a></xsl:if>
      <xsl:if test="$pdf-download"><a href="{$pdf-download}" download="">PDF</a></xsl:if>
    </xsl:variable>
    <xsl:if test="$links">
      <p class="downloads"><xsl:value-of select="ed:msg('download', $root)"/>: <xsl:for-each select="$links">
        <xsl:if test="position() gt 1"> · </xsl:if><xsl:sequence select="."/></xsl:for-each></p>
    </xsl:if>
  </xsl:template>

  <!-- What every page's frame says of the edition, from the header, found once: each search of
       the header (which may hold the whole register) costs as much as a small page. -->
  <xsl:variable name="ed:editors" as="xs:string" select="string-join(distinct-values(($header//tei:titleStmt/tei:editor,
      $header//tei:titleStmt/tei:respStmt[1]/tei:name) ! normalize-space()), ', ')"/>
  <xsl:variable name="ed:publication-date" as="xs:string" select="normalize-space(($header//tei:publicationStmt/tei:date)[1])"/>
  <xsl:variable name="ed:licence" as="xs:string" select="normalize-space(string-join($header//tei:availability//text(), ' '))"/>

  <!-- ============================================================ title page and contents -->

  <xsl:template name="ed:title-page">
    <xsl:call-template name="ed:frame">
      <xsl:with-param name="page-title" select="$title"/>
      <xsl:with-param name="file" select="'index.html'"/>
      <xsl:with-param name="content">
        <section class="title-page">
          <h1><xsl:value-of select="$title"/></h1>
          <xsl:if test="$subtitle"><p class="subtitle"><xsl:value-of select="$subtitle"/></p></xsl:if>
          <xsl:for-each select="$header//tei:titleStmt/tei:author">
            <p class="author"><xsl:value-of select="normalize-space()"/></p>
          </xsl:for-each>
          <xsl:for-each select="$header//tei:titleStmt/tei:respStmt">
            <p class="resp"><xsl:value-of select="string-join(tei:resp ! normalize-space(), ', ')"/>: <xsl:value-of select="string-join(tei:name ! normalize-space(), ', ')"/></p>
          </xsl:for-each>
          <xsl:for-each select="$header//tei:publicationStmt">
            <p class="imprint"><xsl:value-of select="string-join((tei:publisher, tei:date) ! normalize-space(), ', ')"/></p>
          </xsl:for-each>
        </section>
        <nav class="toc" aria-labelledby="toc-h">
          <h2 id="toc-h"><xsl:value-of select="ed:msg('contents', $root)"/></h2>
          <ol>
            <li><a href="about.html"><xsl:value-of select="ed:msg('about', $root)"/></a></li>
            <xsl:for-each select="$pages">
              <xsl:variable name="turns" select="count(?nodes/descendant-or-self::*[self::tei:sp or self::tei:u])"/>
              <li>
                <a href="{?file}"><xsl:value-of select="?title"/></a>
                <xsl:if test="$turns"> <span class="count"> (<xsl:value-of select="ed:msg('turns', $root, string($turns))"/>)</span></xsl:if>
                <xsl:variable name="subs" select="?nodes[self::tei:div]/tei:div"/>
                <xsl:if test="$subs">
                  <xsl:variable name="file" select="?file"/>
                  <ol>
                    <xsl:for-each select="$subs">
                      <li><a href="{$file}#{ed:anchor-div(.)}"><xsl:value-of select="ed:heading(.)"/></a></li>
                    </xsl:for-each>
                  </ol>
                </xsl:if>
              </li>
            </xsl:for-each>
            <li><a href="people.html"><xsl:value-of select="ed:msg('people', $root)"/></a></li>
            <li><a href="notes.html"><xsl:value-of select="ed:msg('notes-page', $root)"/></a></li>
          </ol>
        </nav>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>


  <!-- ============================================================ about -->

  <xsl:template name="ed:about-page">
    <xsl:call-template name="ed:frame">
      <xsl:with-param name="page-title" select="ed:msg('about', $root)"/>
      <xsl:with-param name="file" select="'about.html'"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="ed:msg('about', $root)"/></h1>
        <section aria-labelledby="about-source">
          <h2 id="about-source"><xsl:value-of select="ed:msg('about.source', $root)"/></h2>
          <xsl:for-each select="$header//tei:sourceDesc/*">
            <p><xsl:apply-templates select="." mode="html"/></p>
          </xsl:for-each>
        </section>
        <section aria-labelledby="about-principles">
          <h2 id="about-principles"><xsl:value-of select="ed:msg('about.principles', $root)"/></h2>
          <xsl:for-each select="$header//tei:projectDesc/tei:p, $header//tei:editorialDecl//tei:p">
            <p><xsl:apply-templates mode="html"/></p>
          </xsl:for-each>
          <xsl:call-template name="ed:table-of-signs"/>
        </section>
        <section aria-labelledby="about-licence">
          <h2 id="about-licence"><xsl:value-of select="ed:msg('about.licence', $root)"/></h2>
          <p><xsl:value-of select="$ed:licence"/></p>
        </section>
        <section aria-labelledby="about-cite">
          <h2 id="about-cite"><xsl:value-of select="ed:msg('about.cite', $root)"/></h2>
          <p class="citation"><xsl:value-of select="string-join(($ed:editors[. != ''], $title, $ed:publication-date[. != ''],
            $site-url[. != '']), '. ')"/>.</p>
          <p><xsl:value-of select="ed:msg('about.cite-text', $root)"/></p>
        </section>
        <xsl:if test="$header//tei:revisionDesc/tei:change">
          <section aria-labelledby="about-changes">
            <h2 id="about-changes"><xsl:value-of select="ed:msg('about.changes', $root)"/></h2>
            <ul>
              <xsl:for-each select="$header//tei:revisionDesc/tei:change">
                <li><xsl:value-of select="string-join((@when, normalize-space()), ': ')"/></li>
              </xsl:for-each>
            </ul>
          </section>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!--
    The table of signs: a row for each sign the text actually uses (a sign is a sample of how it
    looks and the message that explains it, messages.xml sign.*), so that no edition explains
    signs it does not have; and a word on the furniture left out, where there is some.
  -->
  <xsl:variable name="ed:signs" as="element(ed:sign)*">
    <xsl:variable name="text" select="$teis/tei:text"/>
    <xsl:if test="$text//tei:gap"><ed:sign key="sign.gap"><span class="gap"><span class="mark gap-ref sample">⟨…⟩</span></span></ed:sign></xsl:if>
    <xsl:if test="$text//tei:choice"><ed:sign key="sign.corr"><span class="corr"><xsl:value-of select="ed:msg('sign.sample-word', $root)"/></span><span class="mark corr-ref sample">°</span></ed:sign></xsl:if>
    <xsl:if test="$text//tei:supplied"><ed:sign key="sign.supplied"><span class="supplied">[…]</span></ed:sign></xsl:if>
    <xsl:if test="$text//tei:note[ancestor::tei:p | ancestor::tei:seg | ancestor::tei:head | ancestor::tei:l | ancestor::tei:item
      | ancestor::tei:speaker | ancestor::tei:stage | ancestor::tei:cell]"><ed:sign key="sign.note"><span class="mark note-ref sample">1</span></ed:sign></xsl:if>
    <xsl:if test="$text//(tei:stage | tei:kinesic | tei:vocal | tei:incident)"><ed:sign key="sign.stage"><span class="stage">( … )</span></ed:sign></xsl:if>
    <xsl:if test="$text//*[@type = 'vote']"><ed:sign key="sign.vote"><span class="vote-count">38</span></ed:sign></xsl:if>
    <xsl:if test="$text//tei:l[ed:line-number(.) mod 5 = 0]"><ed:sign key="sign.line"><span class="l-n sample">5</span></ed:sign></xsl:if>
    <xsl:if test="$text//tei:pb"><ed:sign key="sign.pb"><span class="pb">[12]</span></ed:sign></xsl:if>
  </xsl:variable>

  <xsl:template name="ed:table-of-signs">
    <xsl:if test="exists($ed:signs)">
      <h3><xsl:value-of select="ed:msg('signs', $root)"/></h3>
      <dl class="legend">
        <xsl:for-each select="$ed:signs">
          <dt><xsl:copy-of select="node()" copy-namespaces="no"/></dt>
          <dd><xsl:value-of select="ed:msg(@key, $root)"/></dd>
        </xsl:for-each>
      </dl>
    </xsl:if>
    <xsl:variable name="furniture" select="$teis/tei:text//tei:fw"/>
    <xsl:if test="$furniture">
      <p class="furniture-said"><xsl:value-of select="ed:msg('sign.furniture', $root, string(count($furniture)))"/></p>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ a part of the text -->

  <xsl:template name="ed:text-page">
    <xsl:param name="page" as="map(*)"/>
    <xsl:param name="previous" as="map(*)?"/>
    <xsl:param name="next" as="map(*)?"/>
    <xsl:call-template name="ed:frame">
      <xsl:with-param name="page-title" select="$page?title"/>
      <xsl:with-param name="file" select="$page?file"/>
      <xsl:with-param name="nav">
        <nav class="pager" aria-label="{ed:msg('pager', $root)}">
          <xsl:if test="exists($previous)"><a rel="prev" href="{$previous?file}">← <xsl:value-of select="$previous?title"/></a></xsl:if>
          <a href="index.html"><xsl:value-of select="ed:msg('contents', $root)"/></a>
          <xsl:if test="exists($next)"><a rel="next" href="{$next?file}"><xsl:value-of select="$next?title"/> →</a></xsl:if>
        </nav>
      </xsl:with-param>
      <xsl:with-param name="text-page" select="$page"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The text of a part and its chart, written straight into the page (ed:frame): a page's text
       built as a tree and copied into the frame cost a tenth of the text's time. -->
  <xsl:template name="ed:text-page-content">
    <xsl:param name="page" as="map(*)"/>
    <article class="text">
      <xsl:apply-templates select="$page?nodes" mode="html"/>
    </article>
    <xsl:call-template name="ed:speaker-chart">
      <xsl:with-param name="nodes" select="$page?nodes"/>
      <xsl:with-param name="label" select="$page?title"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ============================================================ notes, corrections, lacunae -->

  <xsl:template name="ed:notes-page">
    <xsl:variable name="text" select="$teis/tei:text"/>
    <!-- the words of every note's link back, looked up once (there may be 20,000 notes) -->
    <xsl:variable name="in-the-text" select="ed:msg('in-the-text', $root)"/>
    <xsl:call-template name="ed:frame">
      <xsl:with-param name="page-title" select="ed:msg('notes-page', $root)"/>
      <xsl:with-param name="file" select="'notes.html'"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="ed:msg('notes-page', $root)"/></h1>
        <section aria-labelledby="notes-h">
          <h2 id="notes-h"><xsl:value-of select="ed:msg('notes', $root)"/></h2>
          <ol class="notes">
            <!-- a speaker's printed label kept as a note is the label of its turn, not a note -->
            <xsl:for-each select="$text//tei:note[not(@type = 'speaker' and following-sibling::*[1][self::tei:u])]">
              <li id="list-{ed:anchor(.)}" value="{accumulator-before('ed:note')}">
                <xsl:apply-templates mode="html"/>
                <xsl:text> </xsl:text><a href="{ed:page-of(.)}#ref-{ed:anchor(.)}"><xsl:value-of select="$in-the-text"/></a>
              </li>
            </xsl:for-each>
          </ol>
        </section>
        <section aria-labelledby="corr-h">
          <h2 id="corr-h"><xsl:value-of select="ed:msg('corrections', $root)"/></h2>
          <ol class="corrections">
            <xsl:for-each select="$text//tei:choice">
              <li><a href="{ed:page-of(.)}#{ed:anchor(.)}"><xsl:value-of select="ed:correction-words(.)"/></a></li>
            </xsl:for-each>
          </ol>
        </section>
        <section aria-labelledby="gap-h">
          <h2 id="gap-h"><xsl:value-of select="ed:msg('lacunae', $root)"/></h2>
          <ol class="gaps">
            <xsl:for-each select="$text//tei:gap">
              <li><a href="{ed:page-of(.)}#{ed:anchor(.)}"><xsl:value-of select="ed:gap-label(.)"/></a></li>
            </xsl:for-each>
          </ol>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
