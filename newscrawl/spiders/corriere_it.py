"""Corriere della Sera: where its articles are listed (declarations only)."""

from __future__ import annotations

from newscrawl.extraction.sites.corriere_it import CorriereItParser
from newscrawl.spiders.base import NewsSpider
from newscrawl.spiders.sources import feed, sitemap


class CorriereItSpider(NewsSpider):
    name = "corriere_it"
    allowed_domains = ("corriere.it",)
    sources = (
        feed("https://www.corriere.it/rss/homepage.xml"),
        feed("https://www.corriere.it/rss/ultimora.xml"),
        feed("https://www.corriere.it/dynamic-feed/rss/section/Dataroom.xml"),
        feed(
            "https://www.corriere.it/dynamic-feed/rss/section/lettere-al-direttore.xml"
        ),
        feed(
            "https://www.corriere.it/dynamic-feed/rss/section/lo-dico-al-corriere.xml"
        ),
        feed(
            "https://www.corriere.it/dynamic-feed/rss/section/frammenti-di-ferruccio-de-bortoli.xml"
        ),
        sitemap("https://www.corriere.it/rss/sitemap_v2.xml"),
        sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Economia.xml"
        ),
        sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Salute.xml"),
        sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Scienze.xml"),
        sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Interni.xml"),
        sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Esteri.xml"),
        sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Sport.xml"),
        sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Politica.xml"
        ),
        sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Salute__Figli__e__Genitori.xml"
        ),
        sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Salute__Sportello__Cancro.xml"
        ),
        sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Elezioni.xml"
        ),
        sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Tecnologia.xml"
        ),
        sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Offerte__recensioni.xml"
        ),
        sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Lotterie.xml"
        ),
        sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Spettacoli.xml"
        ),
        sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Scuola.xml"),
        sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Animali.xml"),
        sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Opinioni.xml"
        ),
        sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Caffe-gramellini.xml"
        ),
        sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Ultimo-banco.xml"
        ),
        sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Letti-da-rifarei.xml"
        ),
        sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Piccole-dosi.xml"
        ),
        sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/L-angolo.xml"
        ),
        sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Padiglione-italia.xml"
        ),
        sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Facce-nuove.xml"
        ),
        sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Ritorno-in-solferino.xml"
        ),
        sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Oriente-occidente.xml"
        ),
        sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Sette.xml"),
        sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Moda.xml"),
        sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/BuoneNotizie.xml"
        ),
        sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/lettere__al__direttore.xml"
        ),
        sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/lo__dico__al__corriere.xml"
        ),
        sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Frammenti-ferruccio-de-bortoli.xml"
        ),
        sitemap("https://www.corriere.it/rss/sitemap/Motori.xml"),
        sitemap("https://www.corriere.it/rss/sitemap/Cultura.xml"),
        sitemap("https://www.corriere.it/rss/sitemap/lettere-al-direttore.xml"),
        sitemap("https://www.corriere.it/rss/sitemap/lo-dico-al-corriere.xml"),
        sitemap("https://www.corriere.it/rss/sitemap/Cook-Last.xml"),
    )
    # /<section>/<YY>_<month>_<DD>/<slug>-<uuid>.shtml, also on the city subdomains.
    article_url_allow = (r"/\d{2}_[a-z]+_\d{1,2}/[^/]+\.shtml$",)
    article_url_deny = (r"/(?:foto|video)-gallery/",)
    timezone = "Europe/Rome"
    parser = CorriereItParser
