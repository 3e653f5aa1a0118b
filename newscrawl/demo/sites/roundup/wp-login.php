<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Log In – The Harrow Valley Roundup</title>
<link rel="canonical" href="{{base}}/wp-login.php">
<link rel="alternate" type="application/rss+xml" title="The Harrow Valley Roundup &raquo; Feed" href="{{base}}/feed/">
<meta name="generator" content="WordPress 6.5.4">
<link rel="stylesheet" id="roundup-style-css" href="/wp-content/themes/roundup/style.css?ver=1.4" media="all">

</head>
<body class="login">
<div id="page" class="site">
  <a class="skip-link screen-reader-text" href="#primary">Skip to content</a>
  <header id="masthead" class="site-header">
    <div class="site-branding">
      <p class="site-title"><a href="/" rel="home">The Harrow Valley Roundup</a></p>
      <p class="site-description">Local news from across the valley, gathered every morning</p>
    </div>
    <nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
      <li class="menu-item"><a href="/">Home</a></li>
      <li class="menu-item"><a href="/category/local/">Local</a></li>
      <li class="menu-item"><a href="/category/business/">Business</a></li>
      <li class="menu-item"><a href="/about/">About</a></li>
    </ul></nav>
  </header>
  <div id="content" class="site-content">
  <main id="primary" class="site-main">
    <form name="loginform" id="loginform" action="/wp-login.php" method="post"><p><label>Username <input type="text" name="log"></label></p><p><label>Password <input type="password" name="pwd"></label></p></form>
  </main>
  <aside id="secondary" class="widget-area">
    <section class="widget widget_search"><form role="search" method="get" class="search-form" action="/"><label>Search for: <input type="search" class="search-field" name="s"></label><input type="submit" class="search-submit" value="Search"></form></section>
    <section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2>
      <ul>
        <li><a href="/2024/06/25/port-authority-raises-berth-fees/">Port authority raises berth fees for the first time in a decade</a></li>
        <li><a href="/2024/06/24/ferry-service-to-elwin-island-resumes/">Ferry service to Elwin Island resumes after three-week repair</a></li>
        <li><a href="/2024/06/23/council-votes-to-keep-the-tuesday-market/">Council votes to keep the Tuesday market on Quay Street</a></li>
        <li><a href="/2024/06/21/schools-trial-a-four-day-timetable/">Harrow Valley schools trial a four-day timetable in autumn</a></li>
        <li><a href="/2024/06/20/orchard-growers-expect-a-late-but-heavy-harvest/">Orchard growers expect a late but heavy apple harvest</a></li>
      </ul>
    </section>
    <section class="widget widget_categories"><h2 class="widget-title">Categories</h2>
      <ul>
        <li class="cat-item"><a href="/category/local/">Local</a></li>
        <li class="cat-item"><a href="/category/business/">Business</a></li>
      </ul>
    </section>
    <section class="widget widget_tag_cloud"><h2 class="widget-title">Tags</h2><div class="tagcloud"><a href="/tag/council/" class="tag-cloud-link">council</a> <a href="/tag/ferries/" class="tag-cloud-link">ferries</a> <a href="/tag/markets/" class="tag-cloud-link">markets</a> <a href="/tag/schools/" class="tag-cloud-link">schools</a> <a href="/tag/transport/" class="tag-cloud-link">transport</a> <a href="/tag/weather/" class="tag-cloud-link">weather</a></div></section>
    <section class="widget widget_meta"><h2 class="widget-title">Meta</h2>
      <ul>
        <li><a href="/wp-login.php">Log in</a></li>
        <li><a href="/feed/">Entries feed</a></li>
      </ul>
    </section>
  </aside>
  </div>
  <footer id="colophon" class="site-footer">
    <div class="site-info">Proudly powered by WordPress | Theme: Roundup by Valley Web Co. | All stories on this site are fictional.</div>
  </footer>
</div>
</body>
</html>
