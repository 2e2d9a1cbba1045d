<?xml version="1.0" encoding="UTF-8"?>
<!--
  Search: the offline index (search-index.js) and the search page (search.html).

  The index is a script, not JSON fetched at run time, so that search works from file:// as well
  as from a server (a page opened from disk may not fetch). It holds each page once
  [file, title, date], each speaker once [key, name], and one entry per turn or block outside a
  turn: [page, anchor, speaker (-1: none), text as read]. Hits can so show session, date and
  speaker, and be filtered by speaker and session, without repeating them per entry. Built by
  walking each page's nodes once: no entry looks its page up.

  What is indexed is decided here (ed:search-blocks), what text of it is searched in one place,
  edition/render/reading.py: this stylesheet gives the index back (its principal result) with
  each entry naming its turn ('t' and ed:turn's number) or block ('b' and ed:block's), and the
  toolkit puts the entry's text in its place (an entry with none is left out) and writes the
  script. The texts never pass through Saxon: joined, normalised and serialized here they cost
  1.6 s on a 15 MB TEI, in Python a tenth of that.

  The search page works with a `?q=` link (and `speaker=`, `session=`): the script runs the query
  on load, so a search can be shared. Its words are the message table's (messages.xml, search.*);
  the script's come from the page's data attributes, never from the script.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ed="urn:x-edition:functions"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- Speakers whose name the register shares with another's, by id → the name as the register
       index tells them apart ('Второй (Second dandy)'): hits and the speaker filter name them so,
       not three times 'Второй'. -->
  <xsl:variable name="ed:told-apart" as="map(xs:string, xs:string)" select="map:merge($ed:register
    [exists(?entry) and ?name ne ed:person-name(?entry)] ! map:entry(?id, ?name))"/>

  <!-- The blocks the index holds: turns, and blocks outside any turn. -->
  <xsl:function name="ed:search-blocks" as="element()*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:sequence select="$nodes/descendant-or-self::*[self::tei:sp or self::tei:u
      or ((self::tei:p or self::tei:head or self::tei:item or self::tei:row or self::tei:l or self::tei:ab
           or self::tei:stage) and not(ancestor::tei:sp or ancestor::tei:u or ancestor::tei:p))]"/>
  </xsl:function>

  <!-- The index without its texts, as JSON (the principal result): each entry's last member names
       its turn or block for edition/render/reading.py. -->
  <xsl:template name="ed:search-index">
    <xsl:variable name="turns" select="$teis/tei:text//(tei:sp | tei:u)"/>
    <xsl:variable name="speaker-keys" select="distinct-values($turns ! ed:speaker-key(.))[. != '']"/>
    <xsl:variable name="speaker-index" as="map(xs:string, xs:integer)"
                  select="map:merge(for $i in 1 to count($speaker-keys) return map:entry($speaker-keys[$i], $i - 1))"/>
    <xsl:variable name="entries" as="array(*)*">
      <xsl:for-each select="$pages">
        <xsl:variable name="page" select="position() - 1"/>
        <xsl:for-each select="ed:search-blocks(?nodes)">
          <xsl:variable name="turn" select="self::tei:sp or self::tei:u"/>
          <xsl:variable name="speaker" select="if ($turn) then ed:speaker-key(.) else ''"/>
          <xsl:sequence select="[$page, ed:anchor(.), if ($speaker) then $speaker-index($speaker) else -1,
            if ($turn) then 't' || accumulator-before('ed:turn') else 'b' || accumulator-before('ed:block')]"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <xsl:value-of select="serialize(map{
      'pages': array{$pages ! [?file, ed:citable(?title), ?date]},
      'speakers': array{$speaker-keys ! [., ($ed:told-apart(.), ed:speaker-name(.))[1]]},
      'entries': array{$entries}}, map{'method': 'json'})"/>
  </xsl:template>

  <!-- The search page: the form with its filters; the script fills in the hits. -->
  <xsl:template name="ed:search-page">
    <xsl:call-template name="ed:frame">
      <xsl:with-param name="page-title" select="ed:msg('search', $root)"/>
      <xsl:with-param name="file" select="'search.html'"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="ed:msg('search', $root)"/></h1>
        <noscript><p><xsl:value-of select="ed:msg('search.needs-script', $root)"/></p></noscript>
        <form id="search-page" class="search-page js-only" role="search" action="search.html" method="get" hidden="hidden"
              data-found="{ed:msg('search.found', $root)}" data-none="{ed:msg('search.none', $root)}"
              data-any-speaker="{ed:msg('search.any-speaker', $root)}" data-any-session="{ed:msg('search.any-session', $root)}">
          <p>
            <label for="sp-q"><xsl:value-of select="ed:msg('search.query', $root)"/></label><xsl:text> </xsl:text>
            <input type="search" id="sp-q" name="q" autocomplete="off"/><xsl:text> </xsl:text>
            <button type="submit"><xsl:value-of select="ed:msg('search', $root)"/></button>
          </p>
          <p class="filters">
            <label for="sp-speaker"><xsl:value-of select="ed:msg('search.speaker', $root)"/></label><xsl:text> </xsl:text>
            <select id="sp-speaker" name="speaker"><option value=""><xsl:value-of select="ed:msg('search.any-speaker', $root)"/></option></select>
            <xsl:text> </xsl:text>
            <label for="sp-session"><xsl:value-of select="ed:msg('search.session', $root)"/></label><xsl:text> </xsl:text>
            <select id="sp-session" name="session"><option value=""><xsl:value-of select="ed:msg('search.any-session', $root)"/></option></select>
          </p>
        </form>
        <div id="search-page-results" aria-live="polite"></div>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
