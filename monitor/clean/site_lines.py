"""The lines a site sets in its articles that are no part of the story: calls to follow or
subscribe, advertising and rights notices, photo credits and captions, tags, other editions, the
editor's sign, dividers, closing appeals for donations. (Paragraphs many items of one document
repeat word for word: clean.repeated.)
"""

from __future__ import annotations

import re

from monitor.clean.text import alternatives, closes_a_sentence
from monitor.dates import UPDATE_NOTE_CHARS, is_update_note
from monitor.scripts import CJK_CHARACTER


# A site's call to follow it, set under (or between) an article's paragraphs: "Подписывайтесь на наш
# Telegram-канал", "Follow us on Twitter", "Підпишіться на нашу розсилку". Such a paragraph opens
# with the call, names a channel, and is short; the one half without the other is a story's own
# ("Subscribe to the ministry's briefings," the statement said; "канал" in a report on a canal).
# News agencies whose name closes a byline after a comma or a slash ("Anna Weber, dpa", "Anna
# Svensson/TT"): the source of the text, no writer (clean.byline); and a story's source line that
# names one (_SOURCE_LINE).
AGENCY_NAMES = frozenset((
    "afp", "ap", "dpa", "epa", "reuters", "ansa", "efe", "lusa", "tt", "ntb", "ritzau", "stt", "anp", "belga", "apa",
    "sda", "keystone-sda", "pap", "čtk", "ctk", "tasr", "mti", "bta", "agerpres", "hina", "tanjug", "sta", "ukrinform",
    "укрінформ", "укринформ", "unian", "уніан", "униан", "interfax", "интерфакс", "інтерфакс", "tass", "тасс",
    "ria novosti", "риа новости", "xinhua", "kyodo", "yonhap", "anadolu", "ani", "pti", "ians", "aap", "bloomberg",
    "cna",
    # Turkey's: Anadolu by its initials ("Kaynak: AA"), Demirören's and İhlas's
    "aa", "anadolu ajansı", "dha", "iha", "i̇ha",
    # the Balkans': Tanjug in Cyrillic, Beta, FoNet, Fena, SRNA, Bulgaria's BTA in Cyrillic
    "танјуг", "танюг", "beta", "бета", "fonet", "фонет", "fena", "srna", "срна", "бта",
    # Russia's others: Regnum ("— ИА Регнум."), Sputnik's sites
    "regnum", "регнум", "иа регнум", "ia regnum", "sputnik",
    # the wires in Thai letters (Thairath's "ที่มา: รอยเตอร์, เอเอฟพี")
    "รอยเตอร์", "เอเอฟพี", "เอพี", "ซินหัว",
    # the agencies by their full names, and Belarus's, Kazakhstan's, Ukraine's others
    "interfax-ukraine", "інтерфакс-україна", "интерфакс-украина", "belta", "белта", "kazinform", "казинформ",
    "kyodo news", "anadolu agency", "xinhua news agency", "yonhap news agency", "associated press",
    # national agencies that sign their datelines ("MADRID, 9 Dic. (EUROPA PRESS) -"): Spain's, Italy's,
    # Germany's church and press services, West and North Africa's, the Middle East's, South-East Asia's
    "europa press", "servimedia", "adnkronos", "agi", "askanews", "agenzia nova", "kna", "epd", "aip", "aps", "nan",
    "mena", "wafa", "irna", "isna", "kuna", "qna", "bernama", "antara", "vna",
    # Greece's and Cyprus's, Iran's in Persian, Armenia's, Azerbaijan's, Georgia's
    "απε-μπε", "απε", "ape-mpe", "amna", "κυπριακό πρακτορείο ειδήσεων", "κπε", "ایرنا", "ایسنا", "تسنیم", "ایلنا",
    "armenpress", "արմենպրես", "azertac", "azərtac", "interpressnews"))


_PROMOTION_OPENERS = (
    # Slovak, Brazilian Portuguese: the call, then the site's name ("Sledujte Aktuality.sk aj na
    # Facebooku", "Receba notícias do Metrópoles no seu Telegram")
    "sledujte", "receba notícias", "receba as notícias",
    # Tengrinews' "Читайте самые важные и интересные новости в нашем Telegram"; Hungarian, Dutch app calls
    "читайте самые важные", "töltse le", "töltsd le", "download onze", "download nu",
    "follow us", "subscribe to", "sign up for", "sign up to", "join us on", "join our", "like us on", "find us on",
    "подписывайтесь", "подпишитесь", "следите за нами", "читайте нас", "смотрите нас", "присоединяйтесь",
    "больше новостей", "все новости", "самые важные новости", "следите за новостями", "читайте все новости",
    "срочные новости читайте",
    "підписуйтесь", "підписуйтеся", "підпишіться", "стежте за нами", "слідкуйте за нами", "читайте нас",
    "дивіться нас", "приєднуйтесь", "приєднуйтеся", "більше новин", "всі новини", "усі новини",
    # Suspilne's regional desks, each its own: "Слідкуйте за новинами Суспільного Хмельницький у
    # Telegram…", "Читайте всі новини Донбасу в Telegram…", "Термінові новини читайте в Telegram та Viber…"
    "слідкуйте за новинами", "стежте за новинами", "читайте всі новини", "читайте усі новини", "читайте суспільне",
    # "Слідкуйте за найважливішими новинами… в нашому Telegram", "Хочете першими отримувати новини?
    # Підпишіться…", "Найважливіші новини – у нашому Telegram", "Завантажуйте наш застосунок"
    "слідкуйте за", "стежте за", "следите за", "хочете першими", "хочеш першим", "хотите первыми", "хочешь первым",
    "want to be the first", "get the latest", "get breaking news", "завантажуйте наш", "завантажте наш",
    "скачивайте наше", "скачайте наше",
    "download our app", "get our app",
    # 20minutos' closing call ("Apúntate a nuestra newsletter y recibe…"; its "Consulta aquí…" is a label: _PAGE_CONTROLS)
    "apúntate a nuestra newsletter", "apúntate a nuestro boletín",
    # Arabic's "follow (you all) …" ("تابعوا أخبار سانا على تلغرام", SANA's under every story), "follow us"
    "تابعوا", "تابعونا", "تابعنا",
    # BBC Mundo's and Brasil's call to its app's alerts ("Ahora puedes recibir notificaciones de BBC Mundo.
    # Descarga la nueva versión de nuestra app…")
    "ahora puedes recibir notificaciones", "agora você pode receber notificações", "descarga la nueva versión",
    "descarga nuestra app", "baixe a nova versão",
    "долучайтесь", "долучайтеся", "термінові новини читайте", "поділіться своєю історією",
    # Addressed to one reader, and opened by the question that leads to the call ("Хочешь знать
    # больше? Подпишись на наш YouTube-канал!").
    "подпишись", "подписывайся", "присоединяйся", "следи за нами", "читай нас", "хочешь знать больше",
    "хотите знать больше", "підпишись", "підписуйся", "приєднуйся", "стеж за нами", "слідкуй за нами",
    "хочеш знати більше", "хочете знати більше", "want to know more",
    # A channel's button as a line of its post ("Подписаться на канал", "Підписатися на канал").
    "подписаться", "підписатися",
    # Belarusian: "Падпісвайцеся на наш Telegram-канал", "Сачыце за намі ў Facebook", the button
    "падпісвайцеся", "падпішыцеся", "падпісвайся", "падпішыся", "сачыце за намі", "сачыце за навінамі",
    "чытайце нас", "далучайцеся", "больш навін", "усе навіны", "падпісацца",
    "folgen sie uns", "abonnieren sie", "suivez-nous", "abonnez-vous", "obserwuj nas", "subskrybuj",
    "dołącz do nas", "siga-nos", "inscreva-se", "síguenos", "suscríbete", "seguici", "iscriviti",
    # and addressed as "usted" (El País's "Suscríbase aquí a la newsletter semanal sobre geopolítica…")
    "suscríbase", "suscríbanse", "apúntese", "síganos",
    # Czech, Turkish, Greek, Arabic, Hebrew, Indonesian, Vietnamese, Hungarian, Romanian, Bulgarian,
    # South Slavic, Nordic, Finnish, Dutch; a newsletter's sign-up in Czech, Polish, German
    # El País's under every story: "Sigue toda la información internacional en Facebook y Twitter…"
    "sigue toda la información", "sigue toda la actualidad",
    "sledujte nás", "bizi", "abone olun", "ακολουθήστε μας", "تابعونا", "עקבו אחרינו", "ikuti kami",
    "theo dõi chúng tôi", "kövess minket", "kövessen minket", "urmărește-ne", "urmăriți-ne", "abonează-te",
    "abonați-vă", "последвайте ни", "pratite nas", "följ oss", "følg oss", "seuraa meitä", "volg ons",
    "přihlaste se", "zapisz się", "melde dich", "melden sie sich",
    # Spanish, Portuguese, Italian and French calls to keep up on a channel ("Mantente al día con las
    # noticias, únete a nuestro canal de WhatsApp", Infobae's)
    "mantente al día", "mantente informado", "únete a", "fique por dentro", "receba as notícias", "entre no canal",
    "resta aggiornato", "rimani aggiornato", "unisciti al", "restez informé", "rejoignez notre",
    # Indonesian sites' under every story ("Dapatkan update berita pilihan… Mari bergabung di Grup
    # Telegram…", "Simak breaking news… WhatsApp Channel", "Ikuti berita terkini… di Google News"),
    # Brazil's ("Siga o canal do … no WhatsApp", "Receba no seu email…"), Turkish and Lithuanian
    # ones, and a tip line's and a link's call in English
    "dapatkan update", "simak breaking news", "simak berita", "ikuti berita", "mari bergabung",
    "sertai saluran", "sertai kami", "ikuti kami di",  # Malay's ("Sertai saluran Telegram Astro AWANI…")
    "siga o canal", "siga a", "siga o", "receba no seu",
    "google news'te takip", "google news'ten takip", "daugiau naujienų", "sekite mus",
    "google haberler'de takip",
    "got a tip", "have a tip", "got a news tip", "have a news tip", "send us a tip", "click here to subscribe",
    # Belarusian sites' tip line in Russian ("Есть о чем рассказать? Пишите в наш Telegram-бот"), "our channel"
    "есть о чем рассказать", "есть о чём рассказать", "есть что рассказать", "наш канал в", "наш канал у",
    # Tengrinews's tip line ("Если вы стали свидетелем события, присылайте … на наш WhatsApp-номер"), E1's
    # ("Присылайте свои новости в наш WhatsApp или Telegram")
    "если вы стали свидетелем", "якщо ви стали свідком", "follow the author on", "присылайте свои новости",
    "присылайте нам", "надсилайте свої новини", "надсилайте нам", "дасылайце нам",
    "наш telegram", "наш телеграм",
    # the Nordic papers' tip lines ("Har du tips? Send til tips@vg.no…", "Tipsa oss…", "Onko sinulla vinkki?")
    "har du tips", "har du et tips", "har du ett tips", "tips oss", "tipsa oss", "tip os", "har du et tip",
    "onko sinulla vinkki", "onko sinulla uutisvinkki",
    "click here to sign up", "click here to follow", "click here to join",
    # Romanian's, Dutch's and Estonian's "follow" ("Urmărește știrile Digi24.ro și pe Google News",
    # "Volg NU.nl ook op WhatsApp", "Jälgi ERR Uudiseid ka Facebookis"), Georgian's and Armenian's
    # "subscribe" ("გამოიწერეთ ჩვენი ტელეგრამ არხი", "Բաժանորդագրվեք մեր Telegram ալիքին"), Croatian's
    # tip line ("Imate li zanimljivu priču? Javite nam se na …"), Chinese "scan the code to follow"
    "urmărește", "urmăriți", "volg", "jälgi", "გამოიწერეთ", "გამოგვყევით", "բաժանորդագրվեք", "հետևեք մեզ",
    "imate li zanimljivu priču", "imate li vijest", "扫码关注", "扫描二维码", "关注我们",
    # a Dzen channel's "Ставьте лайк и подписывайтесь на канал…", and its kin
    "ставьте лайк", "ставьте лайки", "ставте лайк", "like and subscribe",
    # a call for readers' stories (the Mirror's "Do you have a story to share? Email us at …"), Greek's
    # "follow" before the site's name ("Ακολουθήστε το in.gr στο Google News"), a newsletter's offer
    # ("Reciba gratis nuestro boletín", El Tiempo's)
    "do you have a story", "got a story", "have a story to share", "ακολουθήστε", "reciba gratis", "recibe gratis",
    "catch all the",  # Mint's "Catch all the Business News… Download The Mint News App…"
)
_PROMOTION_CHANNELS = re.compile(
    r"telegram|телеграм|viber|вайбер|facebook|фейсбук|twitter|твит|твіт|\bx\b|instagram|инстаграм|інстаграм"
    r"|youtube|ютуб|вконтакте|\bvk\b|дзен|dzen|tiktok|whatsapp|newsletter|рассылк|розсилк|канал|channel|тэлеграм|сацсетк"
    r"|google news|google noticias|google notícias|google actualités|google haberler|podcast|подкаст|ტელეგრამ|微信|公众号|微博|wechat|weibo"
    r"|соцсет|соцмереж|социальных сет|соціальних мереж|social media|mastodon|bluesky"
    r"|threads|تويتر|فيسبوك|فيس بوك|تلغرام|تيليجرام|يوتيوب|إنستغرام|טוויטר|פייסבוק|טלגרם|יוטיוב|אינסטגרם"
    r"|your inbox|boletín|boletim|lettre d'info|lettre d’info|infolettre|nieuwsbrief|biuletyn"
    r"|вашей почте|на вашу почту|вашу пошту|вашій пошті"  # (the BBC's "…каждый вечер в вашей почте")
    # an app's store ("Завантажуйте наш застосунок для Android та iOS"), a phone, an e-mail
    r"|застосун|додаток|приложени|app store|google play|\bandroid\b|\bios\b|ponsel|\bapp\b|alkalmazás|-app\b|uygulama"
    r"|\be-?mail\b|\b[\w.-]+@[\w-]+\.[a-z]{2,}\b"
    # a channel's or account's handle ("👉 Підписуйтесь на @desk_ua")
    r"|@[a-z0-9_]{4,}", re.IGNORECASE)
# The news in "our" channel: "Найважливіші новини – у нашому Telegram", "Оперативні новини в нашем
# Telegram-канале" (a story says "Важливі новини з фронту публікує Telegram-канал Генштабу": not ours).
_OUR_NEWS_OPENERS = ("найважливіші новини", "оперативні новини", "головні новини", "важливі новини", "свіжі новини",
                     "самые важные новости", "оперативные новости", "главные новости", "важные новости",
                     "свежие новости", "the latest news", "breaking news",
                     # Obozrevatel's "Только проверенная информация у нас в Telegram-канале…"
                     "только проверенная информация", "лише перевірена інформація", "тільки перевірена інформація")
_OUR_NEWS = re.compile(rf"[^\w\n]{{0,4}}(?:{alternatives(_OUR_NEWS_OPENERS)})\b[^\n]{{0,40}}?"
                       r"\b(?:у нашому|в нашому|на нашому|у нашем|в нашем|на нашем|у нас в|у нас у|у нас на|in our|on our)\b",
                       re.IGNORECASE)
# An advertisement's label, as a paragraph of its own where the ad was: the whole paragraph, in any case.
_AD_LABELS = frozenset((
    "publicitat", "publicidade", "advertentie",  # Catalan, Portuguese, Dutch
    "advertisement", "advertising", "sponsored", "sponsored content", "story continues below advertisement",
    "article continues after this advertisement", "article continues below advertisement",
    "story continues after advertisement", "continue reading below",
    "article continues below advertisement", "continue reading below", "scroll to continue with content",
    "continue reading the main story", "story continues below", "article continues below",
    "реклама", "anzeige", "werbung", "publicité", "reklama", "publicidade", "publicidad", "pubblicità",
    "reklāma", "reklaam", "publicitate", "reclamă", "hirdetés", "mainos", "annons", "annonse", "advertentie",
    "reklam", "διαφήμιση", "إعلان", "פרסומת", "iklan", "quảng cáo",
    # Hindi, Bengali, Urdu, Thai, Tamil, Swahili
    "विज्ञापन", "বিজ্ঞাপন", "اشتہار", "โฆษณา", "விளம்பரம்", "tangazo",
    "contenus sponsorisés", "contenu sponsorisé", "contenido patrocinado", "contenuti sponsorizzati",
    "contenuto sponsorizzato",
    # a partner's paid material
    "партнерський матеріал", "партнерский материал", "матеріал партнера", "материал партнера", "на правах реклами",
    "на правах рекламы", "партнерський проєкт", "партнерский проект",
    # Chinese, Japanese, Korean: an ad slot's label left between paragraphs (UDN's "廣告"), a promotion's (Caixin's "推广")
    "广告", "廣告", "広告", "광고", "推广", "推廣",
    # where the story goes on after an ad or a video set between its paragraphs
    "czytaj dalej pod reklamą", "dalsza część artykułu pod materiałem wideo",
    "treść dalszej części artykułu pod materiałem wideo", "dalsza część artykułu pod reklamą",
    "článek pokračuje pod reklamou", "pokračování článku pod reklamou", "článok pokračuje pod reklamou",
    "articolul continuă după reclamă", "a cikk a hirdetés után folytatódik", "weiterlesen nach der anzeige",
    "artikel wird unter der anzeige fortgesetzt", "der artikel wird unter der anzeige fortgesetzt",
    "lesen sie nach der anzeige weiter", "la suite après la publicité", "l'article continue après la publicité",
    "l’article continue après la publicité", "el artículo continúa después de la publicidad",
    "continua a leggere dopo la pubblicità", "продолжение после рекламы", "продовження після реклами",
    "статья продолжается после рекламы", "стаття продовжується після реклами",
))
# A rights notice, as a paragraph of its own: "無断転載禁止" (Yomiuri's, under every headline), "All
# rights reserved", "Все права защищены".
_RIGHTS_NOTICES = frozenset((
    "all rights reserved", "все права защищены", "всі права захищені", "alle rechte vorbehalten",
    "tous droits réservés", "todos los derechos reservados", "無断転載禁止", "無断転載を禁じます", "版权所有",
    "未经授权，不得转载", "未经授权不得转载", "усі права захищені",
    # Italian ("RIPRODUZIONE RISERVATA", under every story of ANSA's and the dailies'), Portuguese,
    # Polish, Dutch, Nordic, Finnish, Central European, Romanian, Bulgarian, South Slavic, Turkish,
    # Greek, Arabic, Hebrew
    "riproduzione riservata", "tutti i diritti riservati", "todos os direitos reservados",
    "materiał chroniony prawem autorskim",
    "wszelkie prawa zastrzeżone", "alle rechten voorbehouden", "alla rättigheter förbehållna",
    "alle rettigheter reservert", "alle rettigheder forbeholdes", "kaikki oikeudet pidätetään",
    "všechna práva vyhrazena", "všetky práva vyhradené", "minden jog fenntartva", "toate drepturile rezervate",
    "всички права запазени", "sva prava pridržana", "sva prava zadržana", "сва права задржана",
    "tüm hakları saklıdır", "με επιφύλαξη παντός δικαιώματος", "جميع الحقوق محفوظة", "כל הזכויות שמורות",
    "無断転載・複製を禁じます",  # Yomiuri's under every story
    "ყველა უფლება დაცულია", "բոլոր իրավունքները պաշտպանված են", "barcha huquqlar himoyalangan",  # Georgian, Armenian, Uzbek
    "bütün hüquqlar qorunur", "все права защищены законом", "tots els drets reservats",  # Azerbaijani, Catalan
))
# And the owner's copyright ahead of the notice: "(C) Example Shimbun 無断転載禁止", "© Desk News. All
# rights reserved."
_COPYRIGHT_AND_RIGHTS = re.compile(rf"(?:[©ⓒ]|\(c\)|copyright)[^\n]{{1,60}}?[\s,.;:]+(?:{alternatives(_RIGHTS_NOTICES)})\W*",
                                   re.IGNORECASE)
# A rights notice with the owner's copyright after it: ANSA's "RIPRODUZIONE RISERVATA © Copyright ANSA".
_RIGHTS_AND_COPYRIGHT = re.compile(rf"(?:{alternatives(_RIGHTS_NOTICES)})\W{{0,3}}(?:©|\(c\)|copyright\b).{{0,60}}",
                                   re.IGNORECASE)
# A note that the story is still being written, as a paragraph of its own: "Новина оновлюється…",
# Suspilne's under a breaking story.
_DEVELOPING_NOTICES = frozenset((
    "this story is developing", "this is a developing story", "this story will be updated", "developing story",
    "новость дополняется", "новость обновляется", "материал дополняется", "информация уточняется",
    "навіна дапаўняецца", "навіна абнаўляецца", "інфармацыя ўдакладняецца",
    # Polish, Czech, German, French, Spanish, Italian, Turkish, Baltic, Romanian, Hungarian
    "artykuł jest aktualizowany", "artykuł będzie aktualizowany", "článek aktualizujeme", "článek bude aktualizován",
    "der artikel wird aktualisiert", "dieser artikel wird laufend aktualisiert", "l'article sera mis à jour",
    "l’article sera mis à jour", "noticia en desarrollo", "notizia in aggiornamento", "haber güncelleniyor",
    "straipsnis atnaujinamas", "ziņa tiek papildināta", "uudist täiendatakse", "știre în curs de actualizare",
    "a cikk frissül",
    "новина оновлюється", "новина доповнюється", "матеріал доповнюється", "інформація уточнюється",
))
# A page's buttons and the wires' standing lines, left in the text as paragraphs of their own: the
# whole paragraph. Reuters' "Our Standards: …" and "Acquire Licensing Rights" under every story.
_PAGE_CONTROLS = frozenset((
    "partilhe", "partilhar", "compartilhe", "compartilhar", "videospeler inladen", "videospeler inladen...",
    # Arc XP's line under every story of its Spanish-language sites (La Nación's, Infobae's)
    "conforme a los criterios de the trust project", "conforme a los criterios de", "conocé the trust project",
    # a date's label left alone where its <time> went (3Cat's)
    "actualitzat", "publicat", "publicado", "actualizado", "atualizado",
    "deel dit artikel", "comparteix", "compartir",
    "our standards: the thomson reuters trust principles", "our standards: the trust principles",
    "acquire licensing rights",
    "acquire licensing rights, opens new tab", "sign up here", "advertisement - scroll to continue",
    "listen to this article", "related topics", "send us your feedback", "click here to read more",
    "слушать статью", "прослушать статью", "распечатать", "версия для печати", "загрузка",
    "слухати статтю", "роздрукувати", "друк", "версія для друку", "завантаження",
    "слухаць артыкул", "надрукаваць",
    # a label over a video or the pictures, left as a paragraph of its own ("ВІДЕО", "ФОТО")
    "відео", "видео", "відэа", "фото", "фота", "video", "photo", "photos", "фотогалерея", "галерея", "gallery",
    # a comments section's heading left above it
    "comments", "комментарии", "коментарі", "kommentare", "komentarze", "komentáře", "komentarai", "commentaires",
    "comentarios", "commenti", "yorumlar",
    "artikel vorlesen", "artikel anhören", "zur startseite", "drucken", "drukuj", "polecamy",
    # a link to the forum's thread on the post ("Обсуждение ведем здесь...", touchnokia.ru's)
    "обсуждение ведем здесь", "обсуждение здесь", "обсудить на форуме", "обсудить в форуме", "обговорення тут",
    "обговорити на форумі", "discuss on the forum", "discuss this on the forum",
    # A newsletter's box, Hürriyet's "read the rest" and "subscribe" buttons
    "newsletter", "haberin devamı", "abone ol",
    # the paywall's buttons in Finnish, Slovak, Czech, Hungarian, Croatian: "subscribe now", "I'm a subscriber"
    "tilaa nyt", "predplatiť", "predplatit", "som predplatiteľ, chcem sa prihlásiť", "jsem předplatitel",
    "előfizetek", "támogatom", "pretplati se",
    # English sites' buttons and boxes: the Guardian's "Explore more on these topics" and "Reuse this
    # content", the New York Times's "Skip Advertisement", "Gift Article" and "Image", sign-in links
    "explore more on these topics", "reuse this content", "gift article", "share full article", "most viewed",
    "trending", "log in", "sign in", "register", "subscribe", "subscribe now", "subscribe here",
    # Nine's toolbar over its stories (the Sydney Morning Herald's, The Age's), Hearst's box heading, Nexstar's
    # stations' pointer to their app's player
    "log in, register or subscribe to save articles for later", "more information", "app users: watch the full story here",
    # 20minutos' under every story ("Check all the news of your city here")
    "consulta aquí todas las noticias de tu ciudad",
    # El Mundo's share list's items
    "enviar por email", "enviar por e-mail", "enviar por correo",
    # a Chinese picture's caption alone: "file photo" (Huanqiu's under its pictures)
    "资料图", "資料圖", "资料图片", "資料圖片", "资料照片", "資料照片",
    # a newsletter box's button alone, its offer gone (the BBC Russian's "Подписаться")
    "подписаться", "підписатися", "suscribirse", "suscríbete", "abonnieren", "s'abonner", "subskrybuj", "assinar",
    # Substack's buttons, in every post its feeds carry, and Ghost's call under a post
    "leave a comment", "give a gift subscription", "upgrade to paid", "share this post", "read in app",
    "sign up for more like this",
    # a newsletter's links in its e-mail's footer and header, and its platform's mark
    "unsubscribe", "update your preferences", "update preferences", "manage preferences", "manage your subscription",
    "view this email in your browser",
    "view in browser", "view online", "powered by beehiiv", "powered by mailchimp", "powered by buttondown", "login",
    "click here to subscribe", "skip advertisement", "continue reading", "keep reading", "read the full story",
    "read full article", "show comments", "hide comments", "view comments", "load comments",
    "please enable javascript to view the comments", "loading", "image", "listen", "print this page",
    "email this story", "email this article", "save", "save article", "share on facebook", "share on twitter",
    "share on whatsapp", "tweet", "copy link", "link copied", "download the app", "get the app",
    # German sites' ("Video abspielen", "Artikel teilen", "Zum Liveblog")
    "hier geht es zur startseite", "artikel teilen", "zum liveblog", "video abspielen", "audio abspielen",
    "zum artikel", "newsletter abonnieren", "jetzt kostenlos registrieren", "jetzt registrieren", "jetzt anmelden",
    "melden sie sich an",
    # French, Spanish and Italian sites' ("Lire plus tard", "Écouter cet article", "Offrir cet article")
    "lire la suite", "lire plus tard", "partager sur facebook", "partager sur twitter", "voir plus", "réagir",
    "abonnez-vous", "s'abonner", "s’abonner", "se connecter", "vidéo", "écouter cet article", "offrir cet article",
    "compartir en facebook", "compartir en twitter", "suscríbete", "iniciar sesión", "escuchar", "comparte esta noticia",
    "guardar", "sigue leyendo", "condividi su facebook", "abbonati", "accedi", "ascolta", "ascolta l'articolo",
    # an age rating as a paragraph of its own ("18+")
    "18+", "16+", "12+", "6+", "0+",
    # Yahoo's button between a story's paragraphs; the line over the Süddeutsche's copies of dpa's stories
    "story continues", "direkt aus dem dpa-newskanal", "diskutieren sie mit", "feedback",
    # Amar Ujala's headings over its summary and its full text, NDTV's and Navbharat Times's boxes
    "सार", "विस्तार", "featured video of the day", "हाइलाइट्स",
    # Reuters' ad slot, NPR's audio player, "share this article" in Arabic, French, Spanish, Russian
    "advertisement · scroll to continue", "heard on morning edition", "heard on all things considered",
    "heard on weekend edition", "playlist", "transcript", "download", "embed", "شارك هذا المقال", "partager cet article",
    "compartir este artículo", "поделиться статьей", "поделиться",
    # German papers' comments and newsletter boxes
    "jetzt abonnieren", "lesermeinungen", "leserkommentare", "kommentare anzeigen", "kommentieren sie diesen artikel",
    # Iranian agencies' sign-off under every story (Tasnim's, Fars's, Mehr's: "انتهای پیام/")
    "انتهای پیام", "انتهای پیام/",
    # El País's comments' links, Czech sites' ("Diskuze", "Přidat komentář", "Tisk"), Vietnamese comments'
    # heading and button, the share buttons' opening words
    "normas", "mis comentarios", "diskuze", "diskuse", "tisk", "přidat komentář", "bình luận", "gửi bình luận",
    "sdílet", "teilen", "partager", "condividi", "delen", "udostępnij", "share",
    # DataLife Engine's notice where its comments' form would be
    "посетители, находящиеся в группе гости, не могут оставлять комментарии к данной публикации",
    "відвідувачі, які перебувають у групі гості, не можуть залишати коментарі до цієї публікації",
))
_SITE_LABELS = _AD_LABELS | _RIGHTS_NOTICES | _DEVELOPING_NOTICES | _PAGE_CONTROLS
# A comments section's heading, which may show its count ("58 commentaires", "Kommentare (12)").
_COMMENTS_WORDS = ("comments", "commentaires", "kommentare", "komentarze", "komentáře", "komentarai", "comentarios",
                   "commenti", "comentários", "yorumlar", "комментарии", "коментарі", "diskuze", "reacties",
                   "bình luận")  # Vietnamese (Thanh Niên's "Bình luận (3)")
# A reprint notice: "При полном или частичном использовании материалов ссылка обязательна",
# "Використання матеріалів дозволяється лише за умови посилання на джерело": its opening words and
# the link it asks for, in a short paragraph. A story's sentence on a ministry's use of materials
# asks for no link.
_REPRINT_OPENERS = (
    "при полном или частичном", "при использовании", "при цитировании", "при перепечатке", "при копировании",
    "перепечатка", "использование материалов", "полное или частичное",
    "при повному або частковому", "при використанні", "при цитуванні", "при передруку", "передрук",
    "використання матеріалів", "повне або часткове",
    "пры поўным або частковым", "пры выкарыстанні", "пры цытаванні", "пры перадруку", "перадрук",
    "выкарыстанне матэрыялаў",
    # the link asked for first ("Ссылка на материал обязательна", 24.kg's), any use (Delfi's Russian editions')
    "ссылка на материал", "ссылка на источник", "гиперссылка на", "любое использование", "посилання на матеріал",
    "ссылка на", "посилання на",  # the site named ("Ссылка на 24.kg обязательна")
    # Lithuanian, Latvian, Estonian: "Naudojant LRT.lt turinį, būtina nurodyti šaltinį…" (LRT's)
    "naudojant", "cituojant", "perspausdinant", "izmantojot", "pārpublicējot", "materjalide kasutamisel",
)
_REPRINT = re.compile(alternatives(_REPRINT_OPENERS), re.IGNORECASE)
# And a reprint's ban in words of its own, naming the site but no link: Delfi's "Griežtai draudžiama
# DELFI paskelbtą informaciją panaudoti kitose interneto svetainėse…" under every story.
_REPRINT_BANS = ("griežtai draudžiama", "stingri aizliegts", "rangelt keelatud",
                 # the agencies' own: Anadolu's "Anadolu Ajansı web sitesinde, AA Haber Akış Sistemi (HAS)
                 # üzerinden abonelere sunulan haberler…", Agerpres's, MTI's, TASR's
                 "anadolu ajansı web sitesinde", "toate drepturile asupra", "az mti hírszolgáltatásának", "ak chcete prebrať")
_REPRINT_BANNED = re.compile(rf"(?:{alternatives(_REPRINT_BANS)})\b"
                             # and the rights notice that bans it: "All rights reserved. This material, and
                             # other digital content on this website, may not be reproduced…" (Punch's)
                             r"|all rights reserved\.\s+(?:this (?:material|article|content|story)|no part)\b"
                             # or any rights notice, then the ban it makes in a sentence of its own ("Всички
                             # права запазени. Използването на материали на БТА без договор не е разрешено.")
                             rf"|(?:{alternatives(_RIGHTS_NOTICES)})\.\s+\w[^\n]{{0,200}}$",
                             re.IGNORECASE)
# What the notice asks for: a link, the source named; or the reprint banned ("Использование материалов
# DELFI … запрещено без согласия", Delfi's Russian editions').
_REPRINT_LINK = re.compile(r"ссылк|гиперссылк|посилання|гіперпосилання|спасылк|гіперспасылк|запрещен|заборонен|забаронен"
                           # (Latvian's and Estonian's words for a reference to the source, not "atsaucās" (referred
                           # to) nor "viitas" (pointed out), a story's verbs)
                           r"|nuorod|nurodyti šaltin|atsauc(?:e|i|es) uz|\bviide\b|viidata", re.IGNORECASE)
# A wire's copyright line in a copy of its story ("Copyright 2021 The Associated Press. All rights
# reserved. This material may not be published…"), and a note that the story ran elsewhere first
# ("This article was originally published on The Conversation.").
# RFE/RL's "Copyright (c) 2021.", "Copyright © Reuters", Chosun's "Copyright ⓒ 조선일보 & Chosun.com"
# (ⓒ: Korean sites' ©).
_COPYRIGHT_LINE = re.compile(r"copyright\s+(?:[©ⓒ]\s*)?(?:\d{4}\b|\(c\))|copyright\s*[©ⓒ]"
                             # the owner alone, in capitals: Punch's "Copyright PUNCH."
                             r"|copyright\s+(?-i:[A-Z][A-Z0-9&.'’ -]{1,40})\.?$"
                             r"|\(c\)\s*(?-i:[A-Z])[\w&.'’ -]{1,40}$"  # "(c) Agencia EFE"
                             r"|the contents of this (?:web)?site are\s*(?:©|\(c\)|copyright)",  # The Hill's footer
                             re.IGNORECASE)
# Korean sites' rights notice, in words that differ from site to site: Yonhap's "<저작권자(c) 연합뉴스,
# 무단 전재-재배포, AI 학습 및 활용 금지>", "ⓒ 한겨레신문사 : 무단전재 및 재배포 금지" ("unauthorised
# reproduction and redistribution prohibited"), in a short paragraph.
_KOREAN_RIGHTS = re.compile(r"무단\s*(?:전재|복제|배포)|재배포\s*금지")
# Chinese, Japanese and Korean sites' lines, wherever they stand in a short paragraph: rights and
# reprint notices ("人民网版权所有，未经书面授权禁止使用", "未經同意不得轉載或重製", "無断転載を禁じます"), calls
# to scan a code, get the app or follow the site ("扫一扫在手机打开当前页", "下載中央社一手新聞App", "按讚加入
# 自由時報粉絲團", "KBS 뉴스 앱을 내려받으세요", "すべての記事が読み放題"), tip lines ("澎湃新闻报料：…",
# "제보는 카카오톡 okjebo"), and Korean photos' credits. Not a code to scan alone ("市民扫码进入", a story's), nor a tip in the story's
# words ("据网友报料").
_CJK_SITE_LINE = re.compile(
    r"版 ?[权權] ?所 ?有|未[经經](?:[书書]面)?(?:授[权權]|同意)|不得[转轉][载載]|[转轉][载載]请|禁止[转轉][载載]|無断(?:転載|複製|使用)|"
    r"扫一扫|扫码(?:下载|关注)|掃碼(?:下載|關注)|扫描二维码|掃描二維碼|下[载載][^\n]{0,12}(?:客户端|客戶端|APP|App|app)|"
    r"[欢歡]迎下[载載]|粉[丝絲][团團]|[报報]料(?:[：:]|电话|電話|热线|熱線)|[欢歡]迎[关關]注|読み放題|無料で試す|"
    r"アプリ(?:を)?ダウンロード|제보는|제보하기|내려받으세요|앱을 다운로드|앱 다운로드|구독\s?신청|"
    r"(?:사진|그래픽)\s*=|자료사진\]|"  # Korean photos' credits: "[사진=연합뉴스]", "[연합뉴스 자료사진]"
    # a Chinese or Japanese photo's credit closing its caption: "新华社记者 覃嘉禾 摄", "（記者歐陽晴攝）", "＝ロイター"
    r"[记記]者\s*[\u4e00-\u9fff]{2,4}\s*[摄攝][）)]?(?=\n|$)|＝(?:ロイター|共同|時事|AP|AFP|EPA|ゲッティ)[^\n]{0,12}(?=\n|$)|"
    # the app's name as a line ("新浪新闻客户端", "央视新闻客户端 随时随地看新闻"), the print edition's line under
    # People's Daily's stories ("《 人民日报 》（ 2021年12月07日 16 版）"), share and page controls
    r"新[闻聞]客[户戶]端|《\s*[^》\n]{1,12}\s*》\s*[（(]\s*\d{4}年\d{1,2}月\d{1,2}日\s*(?:第\s*)?\d{1,2}\s*版\s*[）)]|"
    # a mainland site's licence numbers in its footer ("沪ICP备14003370号", "公网安备…号"); a call to subscribe
    # to its news ("訂閱明報電子報", "【點擊訂閱HK01國際新聞…】", Caixin's "每日仅需1元"); an app's promotion
    # (LTN's "現在用APP看新聞", "點我下載APP"); a Japanese paywall's teaser; a Korean broadcast's crew credits
    # ("촬영기자:김영수/영상편집:이민지"); a comments box's remnants ("닫기 댓글", LTN's "☆…請勿留言☆")
    r"ICP[备備证證]|公[网網]安[备備]|(?:点击|點擊|按此)(?:订阅|訂閱)|(?:订阅|訂閱)[^\n]{0,12}(?:电子报|電子報)|"
    r"【[^】\n]{0,20}(?:订阅|訂閱)[^】\n]{0,30}】|每日[仅僅]需\s*\d|用APP看新聞|點我下載|按我看活動|"
    r"有料(?:登録|会員)[^\n]{0,20}続きをお読み|Think!の投稿|"
    r"(?:촬영기자|영상편집|영상취재|자료조사|그래픽)\s*:\s*[가-힣]{2,4}\s*/|닫기 댓글|☆[^☆\n]{0,60}請勿留言☆|"
    # a picture's credit closing its caption ("资料图：德国境内的天然气管道设施。图/视觉中国", Caixin's)
    r"[。\s][图圖]\s*[/／]\s*[^\n/／。]{1,12}(?=\n|$)|"
    r"分享让更多人看到|點擊閱覽圖輯|点击查看图集|(?:^|(?<=\n))(?:上一篇|下一篇)[：:]|"
    # a broadcaster's reporters in brackets closing the story (CCTV's "（总台记者 程立川 欧阳晴）")
    r"(?:^|(?<=\n))[（(](?:总台|總台|本台)?[记記]者\s*[^）)\n]{2,20}[）)](?=\n|$)")
_CJK_SITE_LINE_CHARS = 100
# A Chinese, Japanese or Korean text has their full stop or comma, or Korean's closing syllable: found
# by str's search, where a look at each letter for the scripts' ranges cost 6 µs a text of 3 KB.
_CJK_MARKS = ("。", "，", "다")


def _written_in_cjk(text: str) -> bool:
    return not text.isascii() and any(mark in text for mark in _CJK_MARKS)
# The writer's address alone closing the story, Korean sites' with the name and the role before it
# ("홍길동 기자 gildong@yna.co.kr", Dong-A's with the place ahead: "워싱턴=문병기 특파원 weappon@donga.com"): under
# every story of theirs. (The role's words are clean.byline's too.)
KOREAN_ROLE = r"(?:선임기자|객원기자|인턴기자|기자|특파원)"
_ADDRESS = r"[(<\[]?[\w.+-]+@[\w-]+(?:\.[\w-]+)+[)>\]]?"
# (Or a label ahead of it: Punch's "Contact: theeditor@…".)
# (And the writer's telephone and handle after it: the Times Union's "jsolomon@timesunion.com 518-454-5095
# @joshuasolomon".)
_PHONE_NUMBER = r"\+?(?:\d{1,3}[\s.-])?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}"
_ADDRESS_ALONE = re.compile(rf"(?:(?:[가-힣]{{1,10}}=)?[가-힣]{{2,3}}\s*{KOREAN_ROLE}\s*|(?i:contact|e-?mail)\s*:\s*)?{_ADDRESS}"
                            rf"(?:[\s,;|·]+(?:{_PHONE_NUMBER}|@\w{{1,30}}))*")
_ADDRESS_PARAGRAPH = re.compile(rf"(?:^|(?<=\n\n)){_ADDRESS_ALONE.pattern}(?=\n\n|$)")
_REPUBLISHED_OPENERS = ("this article was originally published", "this story was originally published",
                        "this article is republished from", "this article was first published",
                        "this story was first published", "this article originally appeared",
                        "this story originally appeared", "originally published at", "originally published on",
                        # a think tank's piece that ran elsewhere first (RAND's "This commentary originally appeared
                        # on The Hill on …")
                        "this commentary originally appeared", "this op-ed originally appeared",
                        "this essay originally appeared", "this piece originally appeared",
                        "this column originally appeared", "this post originally appeared",
                        "this commentary was originally published", "this piece was originally published",
                        "originally published in",
                        # the New York Times's print edition line under its web story
                        "a version of this article appears in print",
                        "this article appeared in the",  # the Economist's print edition line
                        # NRC's ("Een versie van dit artikel verscheen ook in NRC Handelsblad van 7 december 2021"),
                        # German and Spanish papers' print edition lines
                        "een versie van dit artikel verscheen", "dit artikel verscheen ook in",
                        "dieser artikel erschien in der", "este artículo se publicó en la edición impresa",
                        # a paper's print edition line closing its web story ("Published in The Express Tribune,
                        # December 31st, 2021.")
                        "published in the express tribune", "published in dawn", "published in the print edition",
                        # Mwananchi's "written with the help of the news agencies"
                        "imeandikwa kwa msaada wa",
                        # the UN's press releases' notice, Anadolu's to its English site's readers
                        "for information media. not an official record", "anadolu agency website contains only",
                        # and that it ran on air: tagesschau.de's "Über dieses Thema berichtete
                        # Deutschlandfunk am 07. Dezember 2021 um 14:00 Uhr."
                        "über dieses thema berichtete", "über dieses thema berichteten",
                        "dieser artikel erschien zuerst", "der artikel erschien zuerst", "dieser beitrag erschien zuerst",
                        "zuerst erschienen bei", "zuerst erschienen auf", "cet article est paru dans",
                        "cet article a été publié initialement", "este artículo se publicó originalmente",
                        "questo articolo è stato pubblicato originariamente",
                        # Tribun's network: "Artikel ini telah tayang di Tribunnews.com dengan judul …"
                        "artikel ini telah tayang di", "artikel ini telah tayang",
                        # NDTV's under a wire's story: "(Except for the headline, this story has not been
                        # edited by NDTV staff and is published from a syndicated feed.)"
                        "except for the headline",
                        # and the other Indian sites' notes under a wire's copy: Mint's, Business Standard's,
                        # ThePrint's ("This report is auto-generated from ANI news service. …")
                        "this story has not been edited by", "this story has been published from a wire agency feed",
                        "only the headline and picture of this report may have been reworked",
                        "this report is auto-generated from", "this story is auto-generated from",
                        "this article is auto-generated from",
                        # BBC News Brasil's under a story of another of the BBC's services: "- Este texto foi
                        # publicado em https://www.bbc.com/portuguese/…"
                        "este texto foi publicado em", "este texto foi publicado originalmente",
                        # and NDTV India's: "(हेडलाइन के अलावा, इस खबर को एनडीटीवी टीम ने संपादित नहीं किया है, …)"
                        "हेडलाइन के अलावा", "इस खबर को एनडीटीवी टीम ने संपादित नहीं किया",
                        # and an opinion piece's disclaimer under it (DW's "Комментарий выражает личное мнение
                        # автора. Оно может не совпадать с мнением русской редакции…"), in the languages' wordings
                        "комментарий выражает личное мнение автора", "мнение автора может не совпадать",
                        "коментар відображає особисту думку автора", "думка автора може не збігатися",
                        "this commentary reflects the author's personal opinion", "the views expressed in this",
                        "der kommentar gibt die meinung des autors wieder")
_REPUBLISHED = re.compile(alternatives(_REPUBLISHED_OPENERS), re.IGNORECASE)
# The link to the writer's other stories closing the story, a short paragraph: "All articles by Jane
# Doe", Haaretz's "לכל הכתבות של …", "Все материалы автора".
_WRITERS_PAGE_OPENERS = (
    "all articles by", "more articles by", "more stories by", "view all articles by", "see all articles by",
    "alle artikel von", "weitere artikel von", "tous les articles de", "todos los artículos de", "todas las noticias de",
    "tutti gli articoli di", "todos os artigos de", "wszystkie artykuły autora", "все материалы автора",
    "все статьи автора", "все публикации автора", "всі матеріали автора", "усі матеріали автора", "всі статті автора",
    "לכל הכתבות של", "כל הכתבות של", "yazarın diğer yazıları", "yazarın tüm yazıları", "جميع مقالات الكاتب",
)
_WRITERS_PAGE = re.compile(alternatives(_WRITERS_PAGE_OPENERS), re.IGNORECASE)
_WRITERS_PAGE_CHARS = 100
# The line phpBB's feeds close every post with: "Statistics: Posted by balala — Today, 8:27 am", in
# the board's language.
_FORUM_STATISTICS_OPENERS = ("statistics", "статистика", "statistik", "statistiques", "estadísticas", "statistiche",
                             "statystyki", "statistieken")
_FORUM_STATISTICS = re.compile(rf"(?:{alternatives(_FORUM_STATISTICS_OPENERS)})\s*:\s*(?:posted|добавлено|додано|"
                               r"verfasst|publié|publicado|inviato|napisane|geplaatst)\b[^\n]{0,120}", re.IGNORECASE)
# A paywall's prompt under a page's teaser: no channel named, and no story's paragraph opens so.
_PAYWALL_OPENERS = (
    "exclusivo para assinantes", "dit artikel is voorbehouden voor abonnees",  # Expresso's, De Standaard's
    # Romanian, Brazilian (Estadão's box), Dutch (De Telegraaf's), Chilean (La Tercera's), Catalan (VilaWeb's)
    "pentru a citi articolul integral", "continue lendo com acesso", "aproveite as vantagens de ser assinante",
    "já é assinante", "assine o estadão", "wilt u verder lezen", "word nu abonnee", "para seguir leyendo",
    "fes-te subscriptor", "fes-te'n subscriptor", "fes-te’n subscriptor", "subscriu-te", "per continuar llegint",
    "subscribe to continue", "subscribe to read", "to continue reading", "already a subscriber",
    "this article is for subscribers",
    "この記事は会員限定です", "この記事は有料会員限定です", "本記事は会員限定です",  # Japanese: "this article is for members"
    "この記事は有料記事です", "この記事は有料会員記事です",  # Asahi's "…です。残り1200文字" ("1,200 characters left")
    "продолжение доступно", "чтобы продолжить чтение", "чтобы читать дальше", "материал доступен только",
    "щоб читати далі", "щоб продовжити читання", "матеріал доступний лише",
    # Le Monde's, Le Figaro's, El País's, the Italian, German, Portuguese, Dutch and Polish dailies'
    "la suite est réservée aux abonnés", "article réservé aux abonnés", "cet article est réservé aux abonnés",
    "ce contenu est réservé aux abonnés", "déjà abonné", "suscríbete para seguir leyendo", "lee sin límites",
    "este contenido es exclusivo para suscriptores", "per continuare a leggere", "questo articolo è riservato",
    "contenuto riservato agli abbonati", "lesen sie mehr mit", "jetzt weiterlesen mit", "weiterlesen mit",
    "sie sind bereits abonnent", "bereits abonnent", "dieser artikel ist nur für abonnenten",
    "sie sind bereits digital-abonnent", "sie wollen wissen, wie es weitergeht",  # Spiegel+'s
    "réservé aux abonnés",
    "assine para continuar a ler", "conteúdo exclusivo para assinantes", "dit artikel is exclusief voor abonnees",
    "ten artykuł jest dostępny tylko dla", "ten artykuł przeczytasz z", "sostieni il giornalismo", "sie lesen einen spiegel+", "dieser inhalt ist nur für abonnenten",
    "article réservé à nos abonnés",
    "dieser inhalt ist exklusiv",
    # newsletter platforms' paid posts, as their feeds cut them (Substack's, Ghost's)
    "this post is for paid subscribers", "this post is for paying subscribers", "this post is for subscribers",
    # Slovak (Denník N's), Czech, Hungarian, Croatian, Finnish (HS Digi's), Swedish, Norwegian, Danish
    "ak chcete čítať ďalej", "čítate článok, ktorý je celý dostupný", "pokud chcete číst dál", "chcete-li číst dál",
    "a cikk folytatásához", "za nastavak čitanja", "lue tämä ja kaikki", "tilaa hs digi", "läs vidare genom att",
    "vil du lese videre", "vil du læse videre", "vil du læse mere",
)
# A newsletter's e-mail footer, in the feed of its archive (Mailchimp's campaign archive): no story's
# paragraph opens so either.
_EMAIL_FOOTER_OPENERS = (
    "you are receiving this email", "you received this email", "want to change how you receive these emails",
    "our mailing address is", "this email was sent to", "if you no longer wish to receive",
    "no longer want to receive these emails",
    # a company mail's confidentiality notice under a forwarded story
    "this e-mail is for the sole use", "this email is for the sole use", "this message is intended only for",
    "this e-mail and any attachments", "this email and any attachments",
)
# A site's prompt to report a mistake, as "Ctrl+Enter" without the keys: "Vous avez repéré une erreur ?
# Contactez-nous".
_ERROR_REPORT_OPENERS = (
    "found a typo", "spotted an error", "spotted a mistake", "report an error", "report a correction",
    "нашли ошибку", "нашли опечатку", "заметили ошибку", "знайшли помилку", "помітили помилку",
    "vous avez repéré une erreur", "vous avez remarqué une erreur", "signaler une erreur", "fehler gefunden",
    "haben sie einen fehler gefunden", "¿has visto un error", "¿has detectado un error", "hai notato un errore",
    "segnala un errore", "zauważyłeś błąd", "našli jste chybu", "našli ste chybu",  # (iROZHLAS's)
    "【纠错", "【我要纠错",  # Xinhua's "【纠错】" button under every story
    # and to rate or share what was read ("Оцените материал", "Понравилась статья? Поделитесь с друзьями!")
    "оцените материал", "оцените статью", "понравилась статья", "понравился материал", "оцініть матеріал",
    "оцініть статтю", "сподобалася стаття", "сподобався матеріал", "rate this article", "was this article helpful",
    "did you like this article",
)
# The marking Russian law has required since 2021 at the head of every item of a media outlet or a
# person it lists as a "foreign agent": "ДАННОЕ СООБЩЕНИЕ (МАТЕРИАЛ) СОЗДАНО И (ИЛИ) РАСПРОСТРАНЕНО
# ИНОСТРАННЫМ СРЕДСТВОМ МАССОВОЙ ИНФОРМАЦИИ, ВЫПОЛНЯЮЩИМ ФУНКЦИИ ИНОСТРАННОГО АГЕНТА…", and its later
# wording, "НАСТОЯЩИЙ МАТЕРИАЛ (ИНФОРМАЦИЯ) ПРОИЗВЕДЕН, РАСПРОСТРАНЕН И (ИЛИ) НАПРАВЛЕН ИНОСТРАННЫМ
# АГЕНТОМ…": the same words over every such outlet's stories, none of the story's. The marking is
# its first sentence (an age rating may follow it): a Telegram post's next line, read into the same
# paragraph, is the post's own.
# (An age rating may stand ahead of it, "18+ ДАННОЕ СООБЩЕНИЕ…", and a copy may lose its full stop.)
_AGENT_MARKING = re.compile(r"(?:^|(?<=\n\n))[^\w\n]{0,4}(?:\d{1,2}\+\s*)?(?:данное сообщение \(материал\) создано|"
                            r"(?:настоящий|этот|данный) материал \(информация\) произведен)"
                            r"[^.\n]*(?:\.|$|(?=\n))(?:[ \t]*\d{1,2}\+)?[ \t]*", re.IGNORECASE)
# Le Monde's "Il vous reste 75% de cet article à lire." over its paywall, and a metered paywall's count
# ("You have read 3 of 5 free articles this month", "You have 2 free articles left").
_METER = (r"il vous reste \d+(?:[.,]\d+)?\s?% de cet article|you(?: have|'ve|’ve) (?:read )?\d+ (?:of \d+ )?free (?:articles?|stories)"
          r"|you have \d+ free (?:articles?|stories) left"
          # Substack's paid post as its feed cuts it: "Keep reading with a 7-day free trial", "Subscribe to
          # Border Watch to keep reading this post and get 7 days of free access…", and the e-mail's footer
          # some of its feeds carry, "Forwarded this email? Subscribe here for more"
          r"|keep reading with a \d+-day free trial|subscribe to [^\n]{1,80}? to keep reading this post"
          r"|forwarded this email\?")
_READER_PROMPT = re.compile(alternatives(_PAYWALL_OPENERS + _EMAIL_FOOTER_OPENERS + _ERROR_REPORT_OPENERS) + "|" + _METER,
                            re.IGNORECASE)
# A newsletter platform's appeal to subscribe, set between a post's paragraphs (Substack's widget,
# in every post of its feeds): "Thanks for reading Border Watch! Subscribe for free to receive new
# posts and support my work.", "Border Watch is a reader-supported publication. To receive new posts
# and support my work, consider becoming a free or paid subscriber." A story's thanks asks for no
# subscription. (The second opens with the publication's name: told by the platform's own word for
# it, _asks_for_support.)
_THANKS_FOR_READING = re.compile(r"thanks for reading\b[^\n]{0,120}?\bsubscri", re.IGNORECASE)
_READER_SUPPORTED = re.compile(r"\bis a reader-supported publication\b", re.IGNORECASE)
# An advertisement's marking under Russia's law on advertising (2022): its token, "erid: 2Vtzqv…",
# with the advertiser's name and tax number ("Реклама. ООО «…», ИНН 7700000000, erid: …"). Looked for
# in a text whose paragraph opens with "Реклама" or "erid" (a look for "erid" in every text cost 2 µs).
_AD_MARKING = re.compile(r"\berid\s*[:：]\s*[\w-]{6,}", re.IGNORECASE)
# A photo's credit with no label: the photographer's name, then the agency after a slash ("Алексей
# Дружинин/ТАСС", TASS's), a paragraph of its own.
_NAME_SLASH_AGENCY = re.compile(r"(?:[A-ZА-ЯІЇЄҐ][\w'’-]+\s+){1,2}[A-ZА-ЯІЇЄҐ][\w'’-]+\s*/\s*[^\W_][^/\n.!?]{0,40}")
_NAME_SLASH_CHARS = 80
# A picture's caption closed by its credit after a slash ("Зеленський на засіданні / Колаж 24 каналу",
# 24tv's): a collage's or a photo's maker, no story's words.
_CREDIT_AFTER_SLASH = re.compile(r"\s/\s*(?:колаж|коллаж|фото|фотоколаж|ілюстрація|иллюстрация|скриншот)\b[^/\n.!?]{0,40}$",
                                 re.IGNORECASE)
# The footnote Russian outlets must print where they name an organisation the state lists ("* СМИ,
# выполняющее функции иностранного агента", "* Организация признана экстремистской и запрещена в РФ"):
# the list's words, no story's.
_LEGAL_FOOTNOTE = re.compile(r"иностранн\w* агент|иноагент|экстремистск|террористическ|нежелательн|запрещен\w* в (?:рф|россии)",
                             re.IGNORECASE)
_FOOTNOTE_CHARS = 250
# A video player's words where the video was ("Your browser does not support this video", "Дивіться
# відео", TSN's "Дивіться відеосюжет ТСН."), and a paywall's offer of a trial ("Jetzt für 1 € testen").
_PLAYER_OR_OFFER_LINE = re.compile(r"[^\w\n]{0,4}(?:your browser does not support (?:this|the|html5) video|"
                          # a player's cookie prompt, a live page's closing line (the Independent's, CNN's), a
                          # site's call to its home page (Insider's "Visit Insider's homepage for more stories.")
                          r"please allow cookies to watch|please enable cookies to watch|our live coverage has ended|"
                          r"visit [^.\n]{1,40} homepage for more|"
                          # DW's notice where a player was, in each of its languages ("Для просмотра этого видео
                          # необходимо включить JavaScript и установить последнюю версию Flash Player")
                          r"(?:для просмотра этого видео|для перегляду цього відео|um dieses video|"
                          r"to (?:play|view|watch) this video)[^\n]{0,80}javascript|"
                          # the date's labels left without their dates (France 24's "Issued on: Modified:")
                          r"(?:(?:issued on|modified|published|updated|first published|last updated|publié le|mis à jour le)"
                          r"\s*:?\s*){2,}$|"
                          r"(?:дивіться|смотрите) (?:відео|видео)(?:сюжет\w*)?(?:\s+[^\s.!?]{1,20}){0,2}[.!:]?$|"
                          r"jetzt (?:für|ab) \d+(?:,\d\d)?\s?(?:€|euro\b)[^\n]{0,40}$|"
                          r"freier zugang zu allen (?:artikeln|inhalten)|mehr perspektiven, mehr verstehen|"
                          # a video's teaser in capitals over its player (G1's "VÍDEO: entenda …", "📺 VÍDEOS:
                          # mais assistidos do g1")
                          r"(?-i:V[IÍ]DEOS?):)", re.IGNORECASE)
_PLAYER_OR_OFFER_CHARS = 200
# An embedded tweet's attribution line under its text: "— Jane Holloway MP (@JaneHollowayMP) December 7,
# 2021" (the tweet's own words stay: a statement the story quotes).
_TWEETS_ATTRIBUTION = re.compile(r"(?:—|&mdash;)\s*[^\n()]{1,80}\(@\w{1,20}\)\s+[A-Z][a-z]+\.? \d{1,2}, \d{4}")


def _has_a_slash_credit(text: str) -> bool:
    """Whether a paragraph of `text` is such a credit: only the short paragraphs around its slashes
    are looked at (a search for the credit anywhere in the text cost 20 µs an article)."""
    at = text.find("/")
    while at != -1:
        before = text.rfind("\n\n", 0, at)
        start = before + 2 if before != -1 else 0
        end = text.find("\n\n", at)
        end = len(text) if end == -1 else end
        if end - start <= _NAME_SLASH_CHARS and _NAME_SLASH_AGENCY.fullmatch(text, start, end):
            return True
        if end - start <= CREDIT_MAX_CHARS and _CREDIT_AFTER_SLASH.search(text[start:end]) is not None:
            return True
        at = text.find("/", end)
    return False


# The words an embedded Instagram post's markup carries around it, left as the text's paragraphs, in
# the languages it writes them: "View this post on Instagram", and "A post shared by Jane Doe
# (@janedoe)", its handle closing it ("Публикация от 7 декабря…" may open a story's paragraph).
_EMBEDS_VIEW = ("view this post on instagram", "посмотреть эту публикацию в instagram",
                "переглянути цей допис в instagram", "voir cette publication sur instagram",
                "diesen beitrag auf instagram ansehen", "ver esta publicación en instagram",
                "visualizza questo post su instagram", "zobacz ten post na instagramie")
_EMBEDS_SHARED = ("a post shared by", "публикация от", "допис, поширений", "допис від", "une publication partagée par",
                  "ein beitrag geteilt von", "una publicación compartida de", "una publicación compartida por",
                  "un post condiviso da", "post udostępniony przez")
_EMBEDS_LINES = _EMBEDS_VIEW + _EMBEDS_SHARED
_EMBEDS_LINE = re.compile(rf"(?:{alternatives(_EMBEDS_VIEW)})\W*|(?:{alternatives(_EMBEDS_SHARED)})[^\n]{{1,80}}\(@[\w.]+\)",
                          re.IGNORECASE)
# A photo's credit as a paragraph of its own, where the picture was: "Фото: Сергей Пивоваров / РИА
# Новости", "Фото — УНІАН", "(Photo by Jane Doe/Getty Images)", "Photo: Reuters", "© AP Photo". It
# names an agency or a photographer, nothing the story says: kept, a rule on "ТАСС" fires on every
# story with a TASS photo, and two outlets' copies of one story differ by it. A label, then a
# separator (or "by"), in a short paragraph; "Photos of the convoy show…" has no separator.
_CREDIT_LABELS = (
    "fotoğraf", "imagem",  # Turkish, Portuguese
    "borítókép",  # Index's cover photo: "(Borítókép: … Fotó: …)"
    "photo", "photos", "photograph", "photo credit", "image", "image credit", "image source", "picture",
    "credit", "illustration", "screenshot", "cover photo", "main photo", "main image", "main image credit",
    "top image", "header image", "featured image",
    "责编", "审核", "校对",  # People's Daily's "(责编：李红、张伟)": the editors in charge, the reviewer, the proofreader
    "фото", "фотография", "фото на обложке", "фото обложки", "главное фото", "источник фото", "иллюстрация",
    "скриншот", "коллаж", "кадр из видео", "фото анонса",
    "фотографія", "фото на обкладинці", "головне фото", "джерело фото", "ілюстрація", "колаж", "кадр з відео",
    "фота", "фотаздымак", "фота на вокладцы", "крыніца фота", "ілюстрацыя", "калаж", "кадр з відэа",
    # Lithuanian, Hungarian, Romanian, Polish, Georgian; ERR's editor under every story
    "nuotr.", "nuotrauka", "fotó", "sursa foto", "źródło zdjęcia", "ფოტო", "toimetaja",
    # Bulgarian, Greek, Finnish
    "снимка", "снимки", "φωτογραφία", "φωτογραφίες", "φωτ.", "kuva",
    "інфографіка", "инфографика", "infographic", "grafika", "grafik",
    # the wires' and papers' credits for the story's making (Reuters' closing "Reporting by …; Editing
    # by …", DW's "Edited by: …") and the AP's photo in brackets ("(AP Photo/Efrem Lukatsky)")
    "reporting", "additional reporting", "writing", "editing", "edited", "compiled", "ap photo", "afp photo",
    "foto", "bild", "bildquelle", "crédit photo", "crédits photo", "fot.", "zdjęcie", "imagen",
    "archivbild", "symbolbild", "archivfoto",  # German sites' picture of the archive, of the kind
    # Chinese sites' closing and opening lines: the editor in charge, the story's source, its
    # headline where it first ran, its producer ("责任编辑：王明", "来源：新华网", "原标题：…", "出品︱…").
    "责任编辑", "编辑", "来源", "原标题", "出品", "图片来源", "图", "摄影",
    "本文来源",  # NetEase's "本文来源：中国新闻网　责任编辑：张倩_NN1234"
    "責任編輯", "編輯", "來源", "原標題", "圖片來源", "攝影",  # the same in traditional characters (CNA's, UDN's)
    # the BBC's, a comma after the label: "Автор фото, Reuters", "Подпись к фото, …", "Image source, Getty Images"
    "автор фото", "подпись к фото", "підпис до фото", "автор фотографії", "image source", "image caption",
    # IRNA's closing credits: the reporter, the one who published it
    "خبرنگار", "انتشار دهنده",
    # a photo's credit in Hebrew, Arabic and Persian ("(צילום: AP)", ynet's)
    "צילום", "تصوير", "عکس",
    # a video's makers but its reporter, in its description (hromadske's "Оператор: Ігор Остапчук")
    "оператор", "оператори", "операторы", "монтаж", "відеомонтаж", "видеомонтаж", "режисер", "режиссер", "режиссёр",
    "продюсер", "звукорежисер", "звукорежиссер", "camera", "video editor", "producer", "producers",
    # a press release's issuer over it (PR Newswire's "News provided by …") and its contacts for the press
    "news provided", "контакти для змі", "контакты для сми", "media contact",
    "for further information contact", "for further information, contact", "for more information contact",
    "press contact", "media contacts", "press contacts",  # (OSCE's "For further information contact: Press Office …")
)
# Or the whole paragraph says the photo only illustrates.
_ILLUSTRATIVE = frozenset((
    "illustrative photo", "illustrative image", "photo for illustration", "иллюстративное фото",
    "фото иллюстративное", "ілюстративне фото", "фото ілюстративне", "фото для ілюстрації",
))
CREDIT_MAX_CHARS = 150
# A wire's credits for the story's making, whatever their length: "(Reporting by …; Writing by …;
# Editing by …)".
_WIRE_CREDITS = re.compile(r"(?:additional )?(?:reporting|writing|editing) by [^\n]+?;\s*(?:writing|editing|"
                           r"additional reporting) by [^\n]+$", re.IGNORECASE)
# The wire's note on what its new version of a story adds, under the headline: Reuters' "(Adds Kremlin
# comments, Sullivan briefing)", "(Updates with Kremlin readout)", "(Recasts lead)".
_WIRES_UPDATE_NOTE = re.compile(r"\((?-i:Adds|Updates|Recasts|Rewrites|Changes|Corrects|Refiles|Fixes|Updating|Adding)"
                                r"\b[^().!?\n]{0,150}\)")  # (no sentence in it: "(Adds up to 100,000 troops, officials said.)")
_WIRES_UPDATE_NOTE_CHARS = 170
# Reuters' credits in Russian: the writer, then the editor ("(Анастасия Лыркова. Редактор Михаил Антонов)").
RUSSIAN_WIRE_CREDITS = re.compile(r"\((?P<names>[^()\n.;]{3,80})[.;]\s*[Рр]едактор\w*\s+[^()\n]{3,80}\)")
_WIRE_CREDITS_CHARS = 300  # as long as any line of the site's (PROMOTION_MAX_CHARS)
# A newsletter's offer, wherever it stands in its paragraph: "Der tägliche Newsletter der DW-Redaktion:
# Hier können Sie ihn abonnieren.", "… Abonnieren Sie auch unseren kostenlosen Newsletter.": the
# site's own ("our"), or asked for at once. A story's sentence on a newsletter asks neither.
_NEWSLETTER_CALL = re.compile(r"\b(?:our|unser|unseren|notre|nos|nuestro|nuestros|nuestra|nuestras)\b[^\n]{0,40}newsletter|"
                              r"newsletter\b[^\n]{0,150}(?:jetzt abonnieren|abonnieren sie|sie ihn abonnieren|"
                              r"hier abonnieren|subscribe (?:now|here|today)|sign up (?:now|here|today)|abonnez-vous)|"
                              # Nine's: "… Sign up to The Sydney Morning Herald's newsletter here."
                              r"\bsign up (?:to|for) [^\n]{0,60}?newsletters? here\b",
                              re.IGNORECASE)
_NEWSLETTER_CALL_CHARS = 250
# The story's source as a line of its own, where it names an agency, an outlet by its address, or
# agencies: "Source: Reuters", "Źródło: Onet, PAP", "Fuente: EFE", "المصدر : الجزيرة + وكالات" (Al
# Jazeera's under every story), "Źródło: rp.pl". The copies of a wire's story differ by it. Where it
# names who said what ("Источник: Минобороны", "Джерело: Офіс Президента"), it is the story's own.
SOURCE_LABELS = ("source", "sources", "źródło", "źródła", "fuente", "fuentes", "fonte", "fontes", "quelle", "quellen",
                  "źródło artykułu", "zdroj článku",  # "the article's source" (WP's "Źródło artykułu: PAP")
                  "источник", "источники", "джерело", "джерела", "крыніца", "المصدر", "מקור", "kaynak", "sursa",
                  "izvor", "извор", "πηγή", "zdroj", "forrás", "lähde", "kilde", "källa", "bron", "sumber", "nguồn",
                  "ที่มา", "chanzo")  # Thai's, Swahili's
# (Le Point's has no colon: "Source AFP".)
_SOURCE_LINE = re.compile(rf"[(\[]?(?:{alternatives(SOURCE_LABELS)})(?:\s*[:：]\s*|\s+)(?P<named>[^\n]{{1,100}})",
                          re.IGNORECASE)
_SOURCE_NAME_WORDS = 4  # "Anadolu Ajansı", "Deutsche Presse-Agentur", "Ukrainska Pravda online"
_SOURCES_APART = re.compile(r"\s*(?:[,+/;&]|\s(?:and|и|і|та|i|y|e|et|und|و)\s)\s*", re.IGNORECASE)  # (Al Jazeera's "… AND NEWS AGENCIES")
_AGENCIES_WORDS = frozenset(("agencies", "agences", "agencias", "agências", "agenzie", "agenturen", "агентства",
                             "агенції", "agencje", "وكالات", "סוכנויות"))


def agencies_as_source(line: str) -> str | None:
    """The agencies a source line names ("Извор: РТС, Танјуг": "Танјуг"; "Source: Reuters"), joined
    with commas, the outlets beside them aside; None for a line that is no source line or names none."""
    found = _SOURCE_LINE.fullmatch(line.strip())
    if found is None:
        return None
    agencies = [part.strip() for part in _SOURCES_APART.split(found.group("named").strip(" .)]"))
                if part.strip().casefold() in AGENCY_NAMES]
    return ", ".join(agencies) or None


def _names_an_agency_as_source(paragraph: str) -> bool:
    found = _SOURCE_LINE.fullmatch(paragraph.strip())
    if found is None:
        return False
    parts = _SOURCES_APART.split(found.group("named").strip(" .)]"))
    # Names, each of a few words: "Источник: пресс-секретарь Белого дома Джен Псаки, Reuters" says who
    # said it, the story's own attribution, an agency beside it or not.
    if any(len(part.split()) > _SOURCE_NAME_WORDS for part in parts):
        return False
    for part in parts:
        folded = part.casefold()
        # (The agencies as a kind, a word ahead: Al Jazeera's "Source: Al Jazeera and news agencies".)
        if folded in AGENCY_NAMES or folded.split("-")[0] in AGENCY_NAMES or folded.rpartition(" ")[2] in _AGENCIES_WORDS \
                or (" " not in folded and "." in folded.strip(".")):  # an address: "rp.pl"
            return True
    return False
_CREDIT = re.compile(
    r"[(\[（【<]?\s*(?:[©ⓒ]|(?:" + alternatives(_CREDIT_LABELS) + r")(?:(?<=\.)\s|\s*[:|/©—–：︱丨｜]|\s*-(?!\w)|\s+-"
    r"|(?<=автор фото),|(?<=подпись к фото),|(?<=підпис до фото),|(?<=автор фотографії),|(?<=image source),"
    r"|(?<=image caption),|(?<=image caption)\s"  # (the BBC's, pasted: "Image caption Volunteers train …")
    r"|\s+(?:by|courtesy|via)\b|\.{3}|…))",  # the New York Times's "Credit...Reuters"
    re.IGNORECASE)  # a hyphen inside a word is none: "Bild-Zeitung berichtete…", "Foto-Ausstellung"
# The article's tags and the share buttons' label, left in the text: "Теги: Украина, НАТО, Крым",
# "Tags: Ukraine, Russia", "Share this:". The tags are the site's index words, and rules fired on them
# on a story that does not say them. The label, then a separator or nothing more.
_TAG_LABELS = (
    "tags", "tagged", "tagged with", "topics", "share", "share this", "share this article", "share on",
    "теги", "метки", "темы", "поделиться", "теґи", "мітки", "теги статті", "поділитися",
    "schlagwörter", "schlagworte", "étiquettes", "mots-clés", "etiquetas", "tagi", "tematy", "теми",
    "тэгі", "тэмы", "падзяліцца",  # Belarusian
    "сюжет", "сюжеты", "все материалы сюжета", "всі матеріали сюжету",  # a story line's label, Russian sites'
    "štítky", "etichete", "címkék", "themen", "žymos", "sildid", "dalintis", "dalīties", "jaga", "distribuie",
    "გაზიარება", "бөлісу", "поширити",
    "分享到", "分享", "标签", "關鍵詞", "关键词",  # Chinese: "share to", "share", "tags", "keywords"
    # "share" in other languages
    "teilen", "udostępnij", "partager", "compartir", "condividi", "compartilhar", "sdílet", "zdieľať",
    "megosztás", "dela", "del", "jaa", "paylaş", "κοινοποίηση", "podijeli", "подели", "поделись",
    "partilhar", "deel", "deel dit artikel", "شارك", "שתפו", "share this story",
    "archivado en",  # El País's tags
    "filed under", "read more about", "temas", "argomenti",
    # Turkish, Arabic, Hebrew, Persian (as clean text writes it, without its zero-width non-joiner),
    # Japanese, Korean, Greek, Vietnamese, Hindi, Indonesian, Czech, South Slavic, Bulgarian, Nordic,
    # Finnish, Portuguese sites' tags
    "etiketler", "anahtar kelimeler", "الوسوم", "وسوم", "كلمات مفتاحية", "תגיות", "برچسبها", "برچسب ها", "کلیدواژه",
    "タグ", "関連キーワード", "キーワード", "태그", "키워드", "관련 태그", "ετικέτες", "từ khóa", "chủ đề", "टैग", "टॉपिक्स",
    "topik", "témata", "oznake", "тагови", "ознаке", "етикети", "ämnen", "emner", "emneord", "aiheet", "avainsanat",
    "tópicos", "assuntos", "tagovi",
)
_TAGS = re.compile(r"[^\w\n]{0,4}(?:" + alternatives(_TAG_LABELS) + r")(?:\s*(?:[:|—–：]|-(?!\w)|$)|\s+-)",
                   re.IGNORECASE)  # a hyphen joined to the next word is none: "Share-price…", "Del-regjeringen…"
# A paragraph of hashtags alone, as a Telegram post or a blog closes with them ("#Украина #НАТО"):
# the channel's tags, as the labelled ones above.
_HASHTAGS = re.compile(r"(?:#\w+[\s,.;|·•]*)+")
# A page's count of its readers, left in the text as a paragraph of its own ("Просмотров: 1520",
# "Переглядів: 1 520", "1,520 views", "👁 1.2K"): the label and the number, nothing more.
_VIEWS_LABELS = ("просмотров", "просмотры", "просмотра", "просмотр", "переглядів", "перегляди", "праглядаў", "прагляды",
                 "views", "view",
                 "wyświetleń", "wyświetlenia", "aufrufe", "görüntülenme", "zobrazení", "بازدید",  # Persian's
                 # and of its readers' comments (DLE's "Комментариев: 0", under every story of its sites)
                 "комментариев", "комментария", "комментарии", "комментарий", "коментарів", "коментарі", "коментар",
                 "comments", "kommentare", "komentarzy", "komentarze",
                 # and the item's number in the site's records (IRNA's and ISNA's "کد خبر 84567890")
                 "کد خبر", "کد مطلب", "شناسه خبر", "رقم الخبر", "news id", "haber no")
_VIEWS_WORD = f"(?:{alternatives(_VIEWS_LABELS)})"
_COUNT = r"\d[\d\s.,]*(?:[kKкК]|тыс\.?)?"
_VIEW_COUNT = re.compile(rf"👁️?\s*{_COUNT}|{_VIEWS_WORD}\s*:?\s*{_COUNT}|{_COUNT}\s*{_VIEWS_WORD}", re.IGNORECASE)
_VIEW_COUNT_CHARS = 40
# Such counts closing a line of the page's metadata, after its date (DLE's "7-12-2021, 14:30
# Просмотров: 1520 Комментариев: 0"): extract.furniture reads the date that is left.
_COUNTS_AT_END = re.compile(rf"(?:(?:\s*[|·•,]\s*|\s+)(?:(?:{_VIEWS_WORD}\s*:?|👁️?)\s*\d[\d.,]*(?:[kKкК]|тыс\.?)?"
                            rf"|\d[\d.,]*\s*{_VIEWS_WORD}))+\s*$", re.IGNORECASE)
_COUNTS_LINE_CHARS = 120


def without_closing_counts(line: str) -> str:
    """A short line without the page's counts of readers and comments that close it (the date line's
    "… Просмотров: 1520"); the line as it is when none does, or nothing else is before them."""
    if len(line) > _COUNTS_LINE_CHARS or not line[-1:].isdigit() and not line[-1:].isalpha():
        return line
    found = _COUNTS_AT_END.search(line)
    return line[:found.start()] if found is not None and found.start() > 0 else line


# And the time it takes to read it, as a paragraph of its own: Le Monde's "Lecture 3 min.", "3 min read",
# "Время чтения: 3 мин".
_READING_LABELS = ("reading time", "read time", "temps de lecture", "lecture", "tiempo de lectura", "lectura",
                   "tempo di lettura", "tempo de leitura", "lettura", "leitura", "lesezeit", "lesedauer",
                   "czas czytania", "время чтения", "время прочтения", "час читання", "час прочитання",
                   "leestijd", "okuma süresi", "lukuaika", "lästid", "doba čtení")
# The update labels a note of an update opens with (dates.is_update_note reads it), as the quick look
# for a site's line knows them.
_UPDATE_LABELS = ("updated", "update", "last updated", "оновлено", "обновлено", "абноўлена", "aktualisiert",
                  "mis à jour", "actualizado", "atualizado", "aggiornato", "zaktualizowano", "bijgewerkt", "güncellendi",
                  "actualizada", "atualizada", "actualitzat", "actualització", "aangepast")
_TIME_AGO = re.compile(r"\d{1,2}\s*(?:hrs?|hours?|mins?|minutes?)(?:\s*\d{1,2}\s*(?:mins?|minutes?))?\s+ago", re.IGNORECASE)
_MINUTES = r"\d{1,3}\s*(?:min(?:ute?s?|utos|uti|uten|uty)?|мин(?:ут[аы]?)?|хв(?:илин[аи]?)?|dk|dakika)\.?"
_READING_TIME = re.compile(rf"(?:{alternatives(_READING_LABELS)})\s*:?\s*[~≈]?{_MINUTES}"
                           rf"|{_MINUTES}(?:\s*(?:read|reading|de lectura|di lettura|de leitura|lesezeit|leestijd|"
                           r"(?:на )?(?:чтения|чтение|читання)|okuma))?"
                           r"|\d{1,3}-minute (?:listen|read|watch)", re.IGNORECASE)  # NPR's "3-Minute Listen"
# A link to the story in the site's other language, as a paragraph of its own: the Times of India's
# "Read this story in Bengali", "Читати українською", "Читать на русском языке", "Read in English".
_EDITION_OPENERS = ("read this story in", "read this article in", "read in", "читать на", "читайте на",
                    "читать эту статью на", "читати", "читайте цей матеріал", "читати цей матеріал")
_OTHER_EDITION = re.compile(
    r"[^\w\n]{0,4}(?:" + alternatives(_EDITION_OPENERS) + r")\s+(?:"
    r"english|russian|ukrainian|belarusian|polish|german|french|spanish|portuguese|arabic|chinese|bengali|hindi"
    r"|(?:русском|украинском|английском|белорусском)(?:\s+языке)?"
    r"|(?:російською|українською|англійською|білоруською)(?:\s+мовою)?)\s*[.!»>→]*", re.IGNORECASE)
_PROMOTION_ALTERNATIVES = alternatives(_PROMOTION_OPENERS)
# A call may open with what the reader thought of the piece: Ghost's and Substack's "If you enjoyed
# this piece, subscribe to The Bellwether — it's free.", "Si cet article vous a plu, abonnez-vous…".
_LIKED_IT_OPENERS = ("if you enjoyed", "if you liked", "if you found", "if you appreciated", "if you value",
                     "if you like", "if you enjoy", "si cet article vous a plu", "si vous avez aimé",
                     "wenn ihnen dieser artikel gefallen hat", "wenn dir dieser artikel gefallen hat",
                     "если вам понравилась", "если вам понравился", "если вам понравилось", "якщо вам сподобалася",
                     "якщо вам сподобалась", "якщо вам сподобався", "якщо вам сподобалось")
_LIKED_IT = re.compile(rf"(?:{alternatives(_LIKED_IT_OPENERS)})[^.!?\n]{{0,60}}?[,:;—–]\s*", re.IGNORECASE)
# Or with the site's greeting of its readers: Ukrainska Pravda's "Шановні читачі! Підписуйтеся на
# Telegram-канал…", "Dear readers, follow us on…". The call after it is read as a call alone.
_SALUTATIONS = ("шановні читачі", "дорогі читачі", "уважаемые читатели", "дорогие читатели", "dear readers",
                "liebe leserinnen und leser", "liebe leser", "chers lecteurs", "chères lectrices, chers lecteurs",
                "queridos lectores", "estimados lectores", "drodzy czytelnicy")
_SALUTED = re.compile(rf"(?:{alternatives(_SALUTATIONS)})\s*[!,.:]\s*", re.IGNORECASE)
# The site's news on a channel, the call after it: Fontanka's "Новости в Telegram — подписывайтесь на
# «Фонтанку».", TSN's "Новини ТСН в Telegram: будьте в курсі головного".
_NEWS_ON_A_CHANNEL = re.compile(r"(?:новости|новини|навіны)(?:\s+\S+){0,2}\s+(?:в|у)\s+(?:telegram|телеграм\w*|viber|вайбер\w*|"
                                r"whatsapp|youtube|дзен\w*|tiktok)\s*[—–:,-]\s*\w", re.IGNORECASE)
# A call to subscribe at the site's address, whatever leads to it (The Economist's podcasts: "For full
# access to print, digital and audio editions of The Economist, subscribe here www.economist.com/…").
_SUBSCRIBE_AT = re.compile(r"\bsubscribe\s+(?:here|now|today|at|online)\b[:\s]{0,3}(?:https?://|www\.)", re.IGNORECASE)
# …or ask to pass it on (Substack's "Если вам понравился этот выпуск, перешлите его друзьям — …").
_PASS_IT_ON = re.compile(r"(?:перешлите|перешли|поделитесь|поделись|перешліть|поділіться|forward|share|envoyez|partagez|"
                         r"leiten sie|teilen sie)\b", re.IGNORECASE)
# …and the call after it may name the newsletter and say that it costs nothing.
_FREE = re.compile(r"\s*(?:[—–-]|,)\s*(?:it's|it’s|it is) free\s*[.!]?$", re.IGNORECASE)
_NETWORKS = frozenset(("facebook", "twitter", "telegram", "viber", "whatsapp", "vk", "вконтакте", "linkedin", "email",
                       "e-mail", "x", "одноклассники", "ok", "reddit", "pinterest", "messenger"))
# A share bar's buttons, a network's name a paragraph (Meduza's "Facebook", "VK", "Twitter", pasted);
# not the one-letter or two-letter names, which a paragraph alone may be for other reasons.
_NETWORKS_ALONE = _NETWORKS - {"x", "ok", "email", "e-mail"}
_LINE_OPENERS = (set(_PROMOTION_OPENERS) | _NETWORKS_ALONE | set(_OUR_NEWS_OPENERS) | _SITE_LABELS | set(_PAYWALL_OPENERS)
                 | set(_EMAIL_FOOTER_OPENERS) | set(_ERROR_REPORT_OPENERS)
                 | {"il vous reste", "you have", "you've", "you’ve", "keep reading with", "forwarded this email", "text ad"}
                 | set(_EMBEDS_LINES) | set(_CREDIT_LABELS) | set(SOURCE_LABELS)
                 | _ILLUSTRATIVE
                 | set(_TAG_LABELS) | set(_EDITION_OPENERS) | set(_REPRINT_OPENERS) | set(_REPUBLISHED_OPENERS)
                 | set(_WRITERS_PAGE_OPENERS) | set(_FORUM_STATISTICS_OPENERS)
                 | set(_VIEWS_LABELS) | set(_READING_LABELS) | set(_UPDATE_LABELS)
                 | set(_REPRINT_BANS)
                 | set(_LIKED_IT_OPENERS) | set(_SALUTATIONS) | {"новости", "новини", "навіны"}
                 | {"follow", "copyright", "the contents of this site", "the contents of this website", "читайте", "erid",
                    "저작권자", "thanks for reading", "(c)", "all rights reserved",
                    "for more", "for all the latest", "join", "get the", "download", "your browser does not support",
                    "please allow cookies", "please enable cookies", "our live coverage has ended", "visit", "issued on",
                    "vídeo", "vídeos", "дивіться відео", "смотрите видео", "дивіться відеосюжет", "смотрите видеосюжет", "jetzt für",
                    "jetzt ab", "mehr perspektiven", "freier zugang",
                    "для просмотра этого видео", "для перегляду цього відео", "um dieses video", "to play this video",
                    "to view this video", "to watch this video"})
_LINE_ALTERNATIVES = alternatives(_LINE_OPENERS)
# A call to follow a named page on a channel is one too: "Follow Newsbeat on Instagram, Facebook,
# Twitter and YouTube" (the BBC's), "Follow the Kyiv Independent on Telegram". The name's words
# capitalised, then "on": "Follow-up talks were announced on Telegram" is a story's.
# (A name of one to four capitalised words, the same after each call below.)
_CAPITALISED_NAME = r"(?:(?i:the)\s+)?(?-i:[A-ZА-ЯІЇЄҐ][\w'’.&-]*)(?:\s+(?-i:[A-ZА-ЯІЇЄҐ][\w'’.&-]*)){0,3}"
_FOLLOW_NAMED = rf"follow\s+{_CAPITALISED_NAME}\s+on"
# And a call to join the site's channel or get its app by its name: "Join ST's Telegram channel and…"
# (the Straits Times'), "Get the RNZ app for ad-free news" (RNZ's).
# And to download it: the Times of India's "Download The Times of India News App for Latest City News."
_JOIN_NAMED = (rf"join\s+{_CAPITALISED_NAME}(?:'s|’s)\s|get\s+the\s+{_CAPITALISED_NAME}\s+app\b"
               r"|download\s+(?:the|our)\s+[^.!?\n]{0,60}?\bapp\b")
# A newsletter's call to subscribe to it by its name, the whole paragraph: Ghost's "Subscribe to Border
# Watch", "Sign up for Border Watch" (a story's "Subscribe to the Kremlin's line" is no paragraph alone).
_SUBSCRIBE_NAMED_CHARS = 60
_SUBSCRIBE_NAMED = re.compile(rf"(?:subscribe to|sign up for)\s+{_CAPITALISED_NAME}\s*[.!]?", re.IGNORECASE)
# And a call to read a named outlet on a channel: "Читайте «Ленту.ру» в Дзене", "Читайте УНІАН у
# Telegram" (the name in quotation marks or capitalised, then "in").
_READ_NAMED = (r"читайте\s+(?:[«\"“][^»\"”\n]{1,40}[»\"”]|(?-i:[A-ZА-ЯІЇЄҐ][\w.-]*)(?:\s+(?-i:[A-ZА-ЯІЇЄҐ][\w.-]*)){0,2})"
               r"\s+(?:в|у|на)")
# An emoji or an arrow may stand ahead of the call ("👉 Подписывайтесь…").
# (A Chinese or Japanese call ends where its characters do: "扫码关注我们的微信公众号" has no word's edge.
# Nor has an Indian script's word that ends with a vowel's sign, no word character for re: "…संपादित
# नहीं किया है" ends where no letter or sign of the scripts follows.)
# (Those scripts have no case: their classes are not case-blind, which spares every process's start
# the case-blind compilation of 30,000 characters, 2.5 ms a pattern.)
_CALL_END = r"(?-i:\b|(?<=[\u3040-\u30ff\u4e00-\u9fff])|(?<=[\u0900-\u0dff])(?![\w\u0900-\u0dff]))"
# And the site's call after what it offers: "📣 For more lifestyle news, follow us on Instagram" (the
# Indian Express's).
_FOR_MORE_FOLLOW = r"for (?:more|all the latest)\b[^.!?\n]{0,60}?,\s*follow us"
_PROMOTION = re.compile(rf"[^\w\n]{{0,4}}(?:{_PROMOTION_ALTERNATIVES}|{_FOLLOW_NAMED}|{_JOIN_NAMED}|{_READ_NAMED}|{_FOR_MORE_FOLLOW})"
                        rf"{_CALL_END}",
                        re.IGNORECASE)
# Whether a text may hold a call or a label at all: after a paragraph break, or at its start (a
# break put ahead of it: a second pattern for the start, of the same 1,100 openers, cost 18 ms of
# every process's start to compile). As _READ_ALSO_AFTER_BREAK: a lookahead on the calls' first
# letters spares most paragraphs the rest.
_PROMOTION_INITIALS = re.escape("".join(sorted({letter for opener in _LINE_OPENERS
                                                 for letter in (opener[0], opener[0].upper())})))
# (And a count of readers after a paragraph break, its number first: "1,520 views", "👁 1.2K".)
_PROMOTION_AFTER_BREAK = re.compile(
    rf"\n\n(?:(?P<line>(?:[^\w\n]{{1,4}})?(?:[©ⓒ]|(?=[{_PROMOTION_INITIALS}])(?:{_LINE_ALTERNATIVES})(?:{_CALL_END}|(?<=[.+)]))"
    rf"|(?:ver|see|view|voir|vedi|zobacz)\s+\d{{1,6}}\s+(?:{alternatives(_COMMENTS_WORDS)})))"
    rf"|(?=[\d👁])(?:👁|{_COUNT}\s*{_VIEWS_WORD}|{_MINUTES}\s|\d{{1,3}}-minute\s|{_TIME_AGO.pattern}"
    rf"|\d{{1,6}}\s+(?:{alternatives(_COMMENTS_WORDS)})))", re.IGNORECASE)
# "Якщо ви помітили помилку, виділіть її та натисніть Ctrl+Enter": a site's, in any language.
_CTRL_ENTER = re.compile(r"ctrl\s*\+\s*enter", re.IGNORECASE)
PROMOTION_MAX_CHARS = 300


def without_promotion(text: str) -> str:
    """`text` without the site's calls to follow it (_PROMOTION_OPENERS with a channel named), its
    "found a mistake? Ctrl+Enter" line, its advertisements' labels (_AD_LABELS) and rights notices
    (_RIGHTS_NOTICES), its paywall's prompt (_PAYWALL_OPENERS), its tags and share buttons' label
    (_TAG_LABELS), paragraphs of at most PROMOTION_MAX_CHARS, its photos' credits (_CREDIT_LABELS,
    at most CREDIT_MAX_CHARS), its count of readers opening or closing it (_VIEW_COUNT) and the
    writer's address alone (_ADDRESS_ALONE), if something is left; and the "foreign agent" marking
    that opens a paragraph (_AGENT_MARKING), the rest of the paragraph kept."""
    if "(" in text and _AGENT_MARKING.search(text) is not None:
        text = _without_agent_marking(text)
    if "\n\n" not in text:
        return text
    # The paragraphs that open as a site's line may, found in one pass over the text (the one look
    # whether the text holds any, too). Only those, and those that hold what such a line may hold
    # anywhere (an address, a slash, Ctrl+Enter's "+") or open with a bracket, a hashtag or a figure,
    # are read one by one: reading each of a story's paragraphs, where one Reuters line closed it,
    # had cost 46 µs an article.
    opening = {found.start() + 2 for found in _PROMOTION_AFTER_BREAK.finditer(text)}
    if (first_line := _PROMOTION_AFTER_BREAK.match(f"\n\n{text}")) is not None and first_line["line"] is not None:
        opening.add(0)  # (not a count of readers: at the start, _is_a_page_figure's)
    opening.update(_closing_calls(text))
    cjk = _written_in_cjk(text)
    # A "+" first: the case-blind search for "Ctrl+Enter" took 19 µs an article, a look for one
    # character 0.1 (for "trl" and "TRL", 6).
    if not (opening or ("+" in text and _CTRL_ENTER.search(text))
            or (("[" in text) and (text.startswith("[") or "\n\n[" in text))
            or (("#" in text) and (text.startswith("#") or "\n\n#" in text))
            or (("*" in text) and (text.startswith("*") or "\n\n*" in text))
            or ("(@" in text and "\n\n—" in text)  # an embedded tweet's attribution
            or ("\n\n(" in text and (_WIRES_UPDATE_NOTE.search(text) or ("едактор" in text
                                                                         and RUSSIAN_WIRE_CREDITS.search(text))))
            or (0 < (first := text.find("\n\n")) <= _VIEW_COUNT_CHARS and _is_a_page_figure(text[:first]))
            or ("://" in text and (_SOCIAL_ADDRESS.search(text) or _POINTER_TO_A_SITE.search(text)))
            or ("@" in text and _ADDRESS_PARAGRAPH.search(text))
            or ("/" in text and _has_a_slash_credit(text))
            or ("ewsletter" in text and _NEWSLETTER_CALL.search(text))
            or ("ubscri" in text and _SUBSCRIBE_AT.search(text))
            or (cjk and _CJK_SITE_LINE.search(text))
            # a row of links between bars (is_site_labels); one character's search first (0.2 µs a
            # text, three characters' 2.5)
            or ("|" in text and text.count(" | ") >= _MENU_LINKS - 1)
            or _asks_for_support(text)):
        return text
    paragraphs = text.split("\n\n")
    kept = []
    at = 0
    for paragraph in paragraphs:
        if len(paragraph) > PROMOTION_MAX_CHARS or not (
                (at in opening or "/" in paragraph or "+" in paragraph or "@" in paragraph or "ewsletter" in paragraph
                 or paragraph.count(" | ") >= _MENU_LINKS - 1
                 or (cjk and len(paragraph) <= _CJK_SITE_LINE_CHARS and _CJK_SITE_LINE.search(paragraph) is not None)
                 or paragraph[:1] in _OPENING_SIGNS or paragraph[:1].isdigit() or _asks_for_support(paragraph))
                and _is_promotion(paragraph)):
            kept.append(paragraph)
        at += len(paragraph) + 2
    return "\n\n".join(kept) if kept and len(kept) != len(paragraphs) else text


_OPENING_SIGNS = frozenset("[#👁*—(")
_CLOSING_PARAGRAPHS = 3  # looked at for a call whose verb closes it


# A call to follow the site or get its app where the verb stands after what it asks for (Hindi's
# "…का ऐप डाउनलोड करें और पढ़ें…", Bengali's, Urdu's, Tamil's, Marathi's), and Vietnamese, Swahili
# and Malay ones ("Theo dõi Báo Thanh Niên trên Google News", "Jiunge na chaneli yetu ya WhatsApp",
# "Ikuti saluran Telegram …"): the verb and a channel or app, in a short paragraph at the close.
_LOCAL_CALL = re.compile(  # the scripts' verbs, found by their first letters (a look at each of a text's letters)
    "(?=[डफसजজডফযসڈفجسபஇ])(?:डाउनलोड कर|फॉलो कर|फ़ॉलो कर|सब्सक्राइब कर|जुड़ें|জুড়ুন|ডাউনলোড কর|ফলো কর|যুক্ত হো|"
    "সাবস্ক্রাইব কর|فالو کر|ڈاؤن لوڈ کر|ڈاؤنلوڈ کر|جوائن کر|سبسکرائب کر|பின்தொடர|இணையுங்கள்|இணைந்திடுங்கள்|பதிவிறக்க|"
    "डाउनलोड करा|फॉलो करा)")
_LATIN_CALLS = ("theo dõi", "tải ứng dụng", "jiunge na", "pakua programu", "ikuti saluran", "muat turun aplikasi")
_LOCAL_CHANNELS = re.compile(
    "ऐप|एप|ॲप|अ‍ॅप|व्हाट्सएप|व्हाट्सऐप|टेलीग्राम|गूगल न्यूज|यूट्यूब|फेसबुक|ट्विटर|इंस्टाग्राम|অ্যাপ|হোয়াটসঅ্যাপ|"
    "গুগল নিউজ|ফেসবুক|ইউটিউব|টেলিগ্রাম|ایپ|واٹس ایپ|فیس بک|ٹوئٹر|یوٹیوب|ٹیلی گرام|گوگل نیوز|டெலிகிராம்|"
    "வாட்ஸ்அப்|செயலி|யூடியூப்|ứng dụng|chaneli|programu|aplikasi|saluran", re.IGNORECASE)


def _is_a_local_call(paragraph: str) -> bool:
    if paragraph.isascii() or _LOCAL_CALL.search(paragraph) is None:
        folded = paragraph.casefold()
        if not any(call in folded for call in _LATIN_CALLS):
            return False
    return _LOCAL_CHANNELS.search(paragraph) is not None or _PROMOTION_CHANNELS.search(paragraph) is not None


def _closing_calls(text: str) -> list[int]:
    """Where the last paragraphs start that close with a call's verb (_CALL_AT_END): such a call is
    looked for at the text's close only, as a look at every paragraph's end costs a search each."""
    found = []
    end = len(text)
    for _ in range(_CLOSING_PARAGRAPHS):
        start = text.rfind("\n\n", 0, end) + 2  # 1 (-1 + 2) for the first paragraph: 0 is its start
        start = 0 if start == 1 else start
        # Its last word first, by str.endswith (in C): the expression's search at each of the close's
        # 40 places cost 1.4 µs a paragraph, 4.4 a text.
        if end - start <= PROMOTION_MAX_CHARS and (
                (text[start:end].rstrip(_CLOSING_MARKS).endswith(_CALL_LAST_WORDS)
                 and _CALL_AT_END.search(text, max(start, end - _CALL_AT_END_CHARS), end))
                or _is_a_local_call(text[start:end])):
            found.append(start)
        if start == 0:
            break
        end = start - 2
    return found


# A button to share the story on a network, in the languages' words ("Sdílet na Facebooku", "Teilen auf
# WhatsApp", "Compartir en Twitter", "Udostępnij na Facebooku"), and a comments section's heading with
# its count ("58 commentaires", "Kommentare (12)", "Diskuze (212)", "Comments 262").
_SHARE_BUTTON = re.compile(
    r"(?:share|teilen|partager|compartir|comparte|condividi|partilhar|compartilhar|delen|deel|udostępnij|sdílet|"
    r"zdieľať|поделиться|поділитися)(?:\s+(?:on|auf|sur|en|su|na|no|op|w|в|у|via|per|por))?\s+"
    r"(?:facebook\w*|twitter\w*|whatsapp\w*|linkedin\w*|telegram\w*|e-?mail\w*|x|vk|reddit|pinterest|messenger)",
    re.IGNORECASE)
_COUNTED_COMMENTS = re.compile(rf"(?:(?:ver|see|view|voir|vedi|zobacz)\s+)?\d+\s+(?:{alternatives(_COMMENTS_WORDS)})"
                               rf"|(?:{alternatives(_COMMENTS_WORDS)})\s*\(?\d+\)?",
                               re.IGNORECASE)
_BUTTON_CHARS = 40
_COUNT_AFTER = re.compile(r"\s*\(\d+\)\s*$")


def is_site_labels(paragraph: str) -> bool:
    """Whether a paragraph is one of the site's labels (_SITE_LABELS), a share button or a comments'
    heading with its count (_SHARE_BUTTON, _COUNTED_COMMENTS), or several between bars ("Update your
    preferences | Unsubscribe", "Share on Facebook | Share on Twitter"), or a row of four or more
    links' words between bars, a few words each (a footer's "人民日报社概况 | 关于人民网 | 报社招聘 | …",
    a menu's "Politik | Wirtschaft | Sport | Kultur")."""
    label = paragraph.strip(_LABEL_MARKS)
    if label.casefold() in _SITE_LABELS or label.casefold() in _NETWORKS_ALONE:
        return True
    if len(label) <= _BUTTON_CHARS and (_SHARE_BUTTON.fullmatch(label) or _COUNTED_COMMENTS.fullmatch(label)):
        return True
    if "|" not in paragraph:
        return False
    # (each maybe with its count: Bryansk's "Версия для печати | Обсудить на форуме (14)"; a share
    # button and the other networks' names after it: NV's "Поділитися у Facebook | Telegram")
    parts = [_COUNT_AFTER.sub("", part).strip(_LABEL_MARKS) for part in paragraph.split("|")]
    if _SHARE_BUTTON.fullmatch(parts[0]) and all(part.casefold() in _NETWORKS or _SHARE_BUTTON.fullmatch(part)
                                                 for part in parts[1:]):
        return True
    return all(part.casefold() in _SITE_LABELS for part in parts) or (
        len(parts) >= _MENU_LINKS and all(part and len(part.split()) <= 3 and len(part) <= _MENU_LINK_CHARS
                                          and not closes_a_sentence(part) for part in parts))


_MENU_LINKS = 4
_MENU_LINK_CHARS = 24


_LABEL_MARKS = " .…:-–—。©ⓒ›»>"  # (a link's arrow after it: El País's "Normas ›"; before it, Nexstar's ">>")


def _asks_for_support(text: str) -> bool:
    # Substack's appeal may open with the publication's name, which no opener foresees (_THANKS_FOR_READING).
    return "reader-supported" in text


def _without_agent_marking(text: str) -> str:
    """`text` without the "foreign agent" marking that opens its paragraphs (_AGENT_MARKING), if
    something is left."""
    left = "\n\n".join(paragraph for paragraph in _AGENT_MARKING.sub("", text).split("\n\n") if paragraph.strip())
    return left or text


# An editor's or agency's sign closing a German story, a paragraph of its own or after the last
# sentence: "(grh)", "(dpa)", "(dpa/jtr)", "(red)": initials in lower case, no word of the story.
_EDITORS_SIGN = re.compile(r"\((?:[a-zäöüß]{2,5})(?:\s*/\s*[a-zäöüß]{2,5})*\)")
_SIGN_AFTER_SENTENCE = re.compile(rf"(?<=[.!?…»“\"])[ \t]+{_EDITORS_SIGN.pattern}$")
_WIRES_END = re.compile(r"\s*[(（]完[)）]$")
# Yonhap's "(END)" closing every story, a paragraph of its own or after the last sentence.
_WIRES_END_LATIN = re.compile(r"\s*\(END\)$")
# dpa's desk line under its copies: its name, then the desks' and editors' codes ("dpa ss xx a3 jsb").
_DPA_DESK_LINE = re.compile(r"dpa(?:\s+[a-z0-9]{2,4}){2,6}")
# The editor's or the writer's credit run into the last sentence where a <br> stood between them:
# "…环境。（责任编辑：陈晓）", People's Daily's "…问题。（责编：李红、张伟）", CNA's "…為主。（編輯：林克倫）1101207", the Hankyoreh's "…밝혔다. 김민수 기자
# minsu@hani.co.kr".
_CREDIT_AFTER_THE_LAST_SENTENCE = re.compile(
    r"(?<=[。！？])\s*[（(](?:责任编辑|責任編輯|编辑|編輯|责编|責編|譯者|译者|核稿)[：:][^（）()\n/]{1,20}"
    # (CNA's foreign desk's translator and checker: "（譯者：徐睿承/核稿：林治平）1101208")
    r"(?:/(?:编辑|編輯|译者|譯者|核稿)[：:][^（）()\n/]{1,20})*[）)]\d{0,8}$"
    r"|(?<=[.!?])\s+[가-힣]{2,4}\s*(?:기자|특파원)(?:\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+)?$")


# Agerpres's credits after the last sentence, the agency's name and its writer's and editors' in
# brackets: "… AGERPRES/(AS - autor: Elena Vasile, editor: Diana Dumitru, editor online: …)".
_AGENCY_CREDIT_AFTER = re.compile(r"(?<=[.!?\"”])\s*AGERPRES/\([^()\n]{1,200}\)$")
_AGENCY_CREDIT_CHARS = 240


# Or the editors' initials and the agencies' codes between slashes, a paragraph of its own with no
# brackets around it: DW's "mbr/kle (dpa, afp, rtr)", tagesschau's "fab/dpa/AFP", PAP's "kw/ mal/"
# (in lower case but for the agencies' codes: "NATO/EU" is no sign).
# (EFE's pair of initials with a dash: "mos-jac/psh")
_SIGN_CODE = r"(?:dpa-AFX|[a-zäöüß]{2,5}(?:-[a-z]{2,5})?|AFP|AP|DPA|KNA|EPD|RTR|PAP|ANSA|EFE|APA|SDA|RND|AFX|Reuters)"
# And dpa's record of the story, closing the copies German sites run ("dpa-infocom, dpa:211207-99-289123/3").
# (dpa-AFX's opens with a slash: "/ajx/he"; RND's names itself: "RND/dpa")
_INITIALS_LINE = re.compile(rf"/?{_SIGN_CODE}(?:\s?/\s?{_SIGN_CODE})+/?(?:\s*\((?:{_SIGN_CODE}(?:,\s*)?)+\))?"
                            r"|(?:©\s*)?(?:dpa-infocom,\s*)?dpa:\d{6}-\d{2}-\d+/\d+")
_INITIALS_LINE_CHARS = 40


# The site's or the desk's sign-off closing a story, a paragraph of its own: Rappler's "– Rappler.com",
# the Inquirer's desk initials ("TSB"), the agencies a story was written with ("Avec AFP", "With
# Reuters", "Con información de EFE"), Dawn's note of its print edition ("Published in Dawn, December
# 7th, 2021").
_AGENCY_OR_AGENCIES = alternatives(tuple(AGENCY_NAMES | _AGENCIES_WORDS))
_SIGN_OFF = re.compile(
    r"[–—-]+\s*(?:[\w-]+\.)+[a-z]{2,6}|(?-i:[A-Z]{2,4})"
    # (the outlet ahead: "Euronews with Reuters", "20 Minutes avec AFP", "(FRANCE 24 with AFP)")
    rf"|\*?\(?(?:(?-i:[A-Z0-9][\w'’.-]*)(?:\s+(?-i:[A-Z0-9][\w'’.-]*)){{0,2}}\s+)?"  # (El Tiempo's "*Con información de AFP")
    rf"(?:avec|with|con información de|com informações d[aeo]s?|con|com|mit|z)\s+(?:l['’]\s*)?(?:{_AGENCY_OR_AGENCIES})"
    rf"(?:(?:,| et| and| y| e| und| i)\s+(?:{_AGENCY_OR_AGENCIES}))*\.?\)?"
    r"|(?:published|printed) in (?:the )?[A-Z][\w'’ .&-]{1,40},? (?:on )?(?:[A-Z][a-z]+ \d{1,2}(?:st|nd|rd|th)?|"
    r"\d{1,2} [A-Z][a-z]+),? \d{4}\.?"
    # the desk that wrote it, and its city (El Tiempo's "REDACCIÓN BOGOTÁ"); an agency's sign alone ("/ТАСС/")
    r"|(?:redacción|redação|redazione|rédaction|redaktion|redakcja|редакция|редакція)(?:\s+[^\W\d_][\w.-]*){0,2}\.?"
    # or the desk's city alone, one word in capitals, as El Tiempo closes its stories ("BOGOTÁ",
    # "MEDELLÍN"; two may be a writer's name, Tuổi Trẻ's "MINH ANH", which closing_byline reads)
    r"|(?-i:[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ]{3,})\.?"
    r"|/(?-i:[A-ZА-ЯЁІЇЄҐ])[^/\n]{1,20}/"
    # a ministry's press service signing its release ("Пресслужба Міністерства цифрової трансформації")
    r"|(?:прес-?служба|пресс-?служба|прес-центр|пресс-центр|press (?:office|service) of)(?:\s+[^\W\d_][\w'’ʼ.-]*){1,6}"
    r"|(?-i:SOURCE) [^\n]{1,60}"  # PR Newswire's issuer under a release
    # the editor's credit (Agência Brasil's "Edição: Kleber Sampaio", Digi24's "Editor : M.B.", BNR's "По
    # публикацията работи: …", who worked on the publication); Lusa's
    # editors' codes ("ABC // JH"); ČTK's editors' initials in lower case ("sed vs"); TASR's correspondent
    r"|(?:edição|edición|editor|editare|redactor|editing|по публикацията работи|редактор|редакторка)\s*:\s*[^\n]{1,50}"
    # the outlet and the agencies in brackets after a comma (Blic's "(Blic, Tanjug)"), as after a slash
    rf"|\((?-i:[A-ZА-ЯЁЂЈЉЊЋЏ][\w.-]{{1,20}}),\s*(?:{_AGENCY_OR_AGENCIES})(?:,\s*(?:{_AGENCY_OR_AGENCIES}))*\)"
    r"|(?-i:[A-Z]{2,4})\s*//\s*(?-i:[A-Z]{2,4})|(?-i:[a-z]{2,4} [a-z]{2,4})"
    r"|\((?:spravodajca|spravodajkyňa|zpravodaj|zpravodajka)\s[^()\n]{1,60}\)"
    r"|\((?-i:TTXVN|VNA)(?:/[^()\n]{1,20})?\)"  # the Vietnam News Agency's sign ("(TTXVN/Vietnam+)")
    # Der Standard's writer or agency and the day in brackets: "(Martina Leitgeb, 6.12.2021)", "(APA, 7.12.2021)"
    r"|\([^()\n]{2,60},\s*\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})\)"
    # a broadcast's slot and the editors' initials (SRF's "SRF 4 News, 07.12.2021, 14:00 Uhr ; sda/brea")
    r"|[^\n;,]{2,30},\s*\d{1,2}\.\d{1,2}\.\d{4},\s*\d{1,2}[:.]\d{2} Uhr(?:\s*;\s*[a-z]{2,5}(?:/[a-z]{2,5})*)?",
    re.IGNORECASE)
_SIGN_OFF_CHARS = 80
# Or the writer's line under the story, a sentence of their beat and outlet: "Priya Natarajan covers
# agriculture and water for The Fresno Bee." (McClatchy's), "Jane Doe is a reporter for …".
# (the role may have its beat's words ahead of it and the outlet right after it: "Jane Doe is a defense
# reporter at the Kyiv Independent.")
_WRITERS_BEAT = re.compile(r"(?-i:[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}) (?:(?:covers|reports on|writes about|is an? "
                           r"(?:(?-i:[a-z-]+) ){0,2}(?:reporter|writer|correspondent|columnist))(?: [^\n]{1,150}?)? "
                           r"(?:for|at) (?:the )?(?-i:[A-Z])[^\n]{1,60}\."
                           # or the outlet ahead of the role: "Simon Hartley is a Guardian columnist and …"
                           r"|is an? (?-i:[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}) (?:columnist|correspondent|reporter|"
                           r"writer|editor|contributor)\b[^\n]{0,150})")
_WRITERS_BEAT_CHARS = 250


_LONE_INITIALS = re.compile(r"[a-zäöüñçãõ]{2,4}")
_LONE_INITIALS_CHARS = 4


def without_editors_sign(text: str) -> str:
    """`text` without the editor's sign that closes it (_EDITORS_SIGN): as a paragraph of its own,
    or after the last sentence's closing mark ("… erhältlich). (grh)", heise's); or the editors'
    initials and agencies' codes closing it as a paragraph of their own (_INITIALS_LINE), a site's
    or desk's sign-off (_SIGN_OFF), or the writer's beat (_WRITERS_BEAT)."""
    cut = text.rfind("\n\n")
    if 0 < cut and len(text) - cut - 2 <= _INITIALS_LINE_CHARS and "/" in text[cut:] \
            and _INITIALS_LINE.fullmatch(text[cut + 2:].strip()):
        return text[:cut]
    if 0 < cut and len(text) - cut - 2 <= _LONE_INITIALS_CHARS and _LONE_INITIALS.fullmatch(text, cut + 2) is not None:
        return text[:cut]  # an editor's initials alone (El Universal's "rcr")
    if 0 < cut and len(text) - cut - 2 <= _SIGN_OFF_CHARS and _SIGN_OFF.fullmatch(text, cut + 2) is not None:
        return text[:cut]
    if 0 < cut and len(text) - cut - 2 <= _WRITERS_BEAT_CHARS and _WRITERS_BEAT.fullmatch(text, cut + 2) is not None:
        return text[:cut]
    if text.endswith(("完)", "完）")) and (end := _WIRES_END.search(text, max(0, len(text) - 8))) is not None:
        return text[:end.start()].rstrip()  # Xinhua's and China News Service's "(完)", the copy's end
    if text.endswith("(END)") and (end := _WIRES_END_LATIN.search(text, max(0, len(text) - 8))) is not None:
        return text[:end.start()].rstrip()
    if 0 < cut and len(text) - cut - 2 <= _SIGN_OFF_CHARS and text.startswith("dpa ", cut + 2) \
            and _DPA_DESK_LINE.fullmatch(text, cut + 2) is not None:
        return text[:cut]
    if not text.isascii() and (credit := _CREDIT_AFTER_THE_LAST_SENTENCE.search(text, max(0, len(text) - 60))):
        return text[:credit.start()].rstrip()
    if text.endswith(")") and "/(" in text[-_AGENCY_CREDIT_CHARS:] \
            and (credit := _AGENCY_CREDIT_AFTER.search(text, max(0, len(text) - _AGENCY_CREDIT_CHARS))) is not None:
        return text[:credit.start()].rstrip()
    if not text.endswith(")"):
        return text
    if cut > 0 and _EDITORS_SIGN.fullmatch(text, cut + 2):
        return text[:cut]
    found = _SIGN_AFTER_SENTENCE.search(text, max(0, len(text) - 40))
    return text[:found.start()] if found is not None else text


# A picture's caption set among the paragraphs, closed by the agency's photo credit in brackets, as
# the wires write it: "… at George Mason University in Fairfax, Va., Tuesday, Nov. 7, 2017. (AP
# Photo/Cliff Owen)", "(REUTERS/Kevin Lamarque)", "(… Press Service photo via AP)", "(Photo by …/Getty
# Images)". It tells of the picture, not the story, and two outlets' copies of one story differ by it.
# Not an agency's sign alone, "(AP)" or "(Reuters)", which may close the story's last paragraph, nor
# a poll's name ("(Reuters/Ipsos)", "(AP-NORC)"): Reuters' photographs are credited in capitals.
_CLOSING_PHOTO_CREDIT = re.compile(
    r"\((?:(?:AP|AFP|AAP|EPA|PA|UPI|Xinhua|Reuters|REUTERS) (?:Photo|PHOTO)(?:\s*/[^()\n]{1,80})?"
    r"|(?:REUTERS|EPA-EFE)/[^()\n]{1,80}|[^()\n]{1,80}(?:/| via )Getty Images"
    r"|[^()\n]{1,60} via (?:Xinhua|AP|AFP|Reuters|REUTERS|EPA|Getty Images)"  # Xinhua's "(Sputnik/Handout via Xinhua)"
    r"|[^()\n]{1,120}\b[Pp]hoto\s+(?:via|by|for)\s+[^()\n]{1,60}|Photo by\s[^()\n]{1,80})\)$")
CAPTION_MAX_CHARS = 700


def without_photo_captions(text: str) -> str:
    """`text` without the paragraphs of at most CAPTION_MAX_CHARS that a photo's credit closes
    (_CLOSING_PHOTO_CREDIT, or Reuters' without brackets: _REUTERS_PHOTO_CREDIT), if something is left."""
    reuters = "REUTERS/" in text
    guardians = "Photograph: " in text
    slashed = " / " in text and _AGENCY_AFTER_SLASH_CREDIT.search(text) is not None
    labelled = ("oto" in text or "hoto" in text or "ото" in text) and _LABELLED_CREDIT_AFTER_CAPTION.search(text) is not None
    # (the characters looked for first: the pattern's search over a long text costs 50 µs)
    chinese = ("图" in text or "圖" in text or "照" in text) and _CHINESE_CAPTION_HINT.search(text) is not None
    if not (reuters or guardians or chinese or slashed or labelled) and ")\n\n" not in text and not text.endswith(")"):
        return text
    paragraphs = text.split("\n\n")
    kept = [p for p in paragraphs
            if not (len(p) <= CAPTION_MAX_CHARS
                    and ((p.endswith(")") and (_CLOSING_PHOTO_CREDIT.search(p) or _PICTURED.match(p)))
                         or (reuters and _REUTERS_PHOTO_CREDIT.search(p))
                         or (guardians and _GUARDIANS_PHOTO_CREDIT.search(p))
                         or (slashed and _AGENCY_AFTER_SLASH_CREDIT.search(p))
                         or (labelled and len(p) <= _LABELLED_CAPTION_CHARS and _LABELLED_CREDIT_AFTER_CAPTION.search(p))
                         or (chinese and len(p) <= _CHINESE_CAPTION_CHARS and _CHINESE_CAPTION.search(p))))]
    return "\n\n".join(kept) if kept and len(kept) != len(paragraphs) else text


# Reuters' photo credit after the caption's last sentence, as its pages show it (a gallery's "[1/3] A
# Russian serviceman stands guard … December 6, 2021. REUTERS/Stringer", pasted as text); the
# Guardian's ("… Situation Room. Photograph: The White House/AFP/Getty Images").
# A Chinese caption set as a paragraph of the text: "图为…" ("pictured: …"), closed by "（资料图片）"
# ("file photo", People's Daily's) or by its source ("…资料图 图片来源：视觉中国", The Paper's).
_CHINESE_CAPTION_HINT = re.compile(r"图为|圖為|[资資]料[图圖照]|图片来源|圖片來源")
_CHINESE_CAPTION = re.compile(r"^(?:图为|圖為)|[（(][资資]料(?:图片|圖片|照片)[）)]$|(?:图片来源|圖片來源)[：:][^\n。]{1,30}$")
_CHINESE_CAPTION_CHARS = 120
_REUTERS_PHOTO_CREDIT = re.compile(r"(?<=[.!?])\s+REUTERS/[^\n]{1,80}$")
# A caption's credit with its label after the caption's sentence, a short paragraph: Digi24's "Joe Biden.
# Foto: Profimedia Images", "… in Kyiv. Photo: Reuters".
_LABELLED_CREDIT_AFTER_CAPTION = re.compile(r"(?<=[.!?])[ \t]+(?:Foto|Fotó|Photo|Fot\.|Zdjęcie|Снимка|Фото|Φωτογραφία)"
                                            r"\s*:\s*[^\n.:]{2,60}$", re.MULTILINE)
_LABELLED_CAPTION_CHARS = 200
# A caption card's credit after its last sentence, the photographer's name and the agency: the Toronto
# Star's "… in the Donetsk region on Dec. 6. Andriy Dubchak / The Associated Press".
_AGENCY_AFTER_SLASH_CREDIT = re.compile(
    r"(?<=[.!?])\s+(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’-]+\s+/\s+(?:The Associated Press|Associated Press|"
    r"The Canadian Press|Reuters|AFP(?: via Getty Images)?|Getty Images|Bloomberg|EPA-EFE|EPA|AP|Sputnik|Anadolu Agency)$",
    re.MULTILINE)
# A caption that says what the photo shows, its source in brackets closing it: Yonhap's "This file photo
# shows the foreign ministry building in Seoul. (Yonhap)".
_PICTURED = re.compile(r"(?:(?:this|in this) (?:file |handout )?|an? (?:file|handout) )(?:photo|image|picture|photograph)\b"
                       r"[^\n]{0,200}\([^()\n]{2,40}\)$", re.IGNORECASE)
_GUARDIANS_PHOTO_CREDIT = re.compile(r"(?<=[.!?])\s+Photograph: [^\n.!?]{2,80}$")


# A photo's credit in brackets run into the text's first paragraph, where the picture's box stood
# before it (ynet's "(צילום: AP) נשיא רוסיה…").
_OPENING_CREDIT = re.compile(r"[(\[（]\s*(?:" + alternatives(_CREDIT_LABELS) + r")\s*[:：]\s*[^()\[\]（）\n]{1,40}[)\]）][ \t]+",
                             re.IGNORECASE)


def without_opening_credit(text: str) -> str:
    """`text` without a photo's credit in brackets that opens it (_OPENING_CREDIT), if its first
    paragraph goes on after it."""
    if text[:1] not in "([（" or (found := _OPENING_CREDIT.match(text)) is None:
        return text
    return text[found.end():]


# A paragraph that is a line drawn across the text: AP's "___" before its notes and credits, "* * *"
# between a story's parts, a row of dashes under a post. It has no word to read.
_DIVIDER_MARKS = "-_*=~•#+"
_DIVIDER_AFTER_BREAK = re.compile(r"\n\n[-_*=~•#+]")  # a literal first: found as fast as str.find


def _is_divider(paragraph: str) -> bool:
    """Two marks or more (_DIVIDER_MARKS), with spaces or middle dots between them, and nothing else.
    Not a regular expression: one with a mark between two runs of marks and spaces backtracked for
    seconds over a hostile paragraph of "- - - … x"."""
    return not paragraph.strip(_DIVIDER_MARKS + " ·") and len(paragraph.replace(" ", "").replace("·", "")) >= 2


# A heading of the article's topics alone, the topics under it one a paragraph, closing the text: the
# BBC's "Related Topics", the Guardian's "Explore more on these topics", as a page pasted as text gives
# them ("Related Topics / Russia / Ukraine"). The heading is a site's label (without_promotion), but
# the topics under it are words of the story's own.
_TOPICS_HEADINGS = frozenset(("related topics", "explore more on these topics", "more on this story", "topics",
                              "tags", "теги", "темы", "теми", "themen", "sujets", "temas", "tematy"))
_TOPICS_LISTED = 12  # at most, under the heading
_TOPIC_WORDS = 4


def without_closing_topics(text: str) -> str:
    """`text` without the topics' heading and the topics that close it (_TOPICS_HEADINGS), if
    something is left."""
    last = text.rfind("\n\n")
    if last == -1 or len(text) - last - 2 > _TOPIC_CHARS:
        return text  # most texts close with a paragraph of the story: no topics, and no split of the text
    parts = text.rsplit("\n\n", _TOPICS_LISTED + 1)
    for at in range(len(parts) - 2, 0, -1):
        part = parts[at + 1]
        if len(part) > _TOPIC_CHARS or len(part.split()) > _TOPIC_WORDS or closes_a_sentence(part):
            return text
        if parts[at].strip(" :").casefold() in _TOPICS_HEADINGS:
            return "\n\n".join(parts[:at])
    return text


_TOPIC_CHARS = 40


# A think tank's endnotes under its analysis, each the note's number and its source's address, maybe
# its title before it (ISW's "[1] http://kremlin.ru/events/president/news/67315"), and their heading.
_ENDNOTE = re.compile(r"\[\d{1,3}\]\s*(?:[^\n]{0,200}?\s)?(?:https?://|www\.)\S+\s*")
_ENDNOTE_CHARS = 300
_ENDNOTES_HEADINGS = frozenset(("endnotes", "notes", "sources", "references", "примечания", "источники", "примітки",
                                "джерела", "anmerkungen", "quellen", "notes de bas de page", "przypisy"))


def without_endnotes(text: str) -> str:
    """`text` without the endnotes that close it (_ENDNOTE) and their heading, if something is left."""
    if not text.endswith(tuple("abcdefghijklmnopqrstuvwxyz0123456789/")) or "[" not in text[-_ENDNOTE_CHARS:]:
        return text  # (most texts close with a sentence's mark)
    paragraphs = text.split("\n\n")
    kept = len(paragraphs)
    while kept and len(paragraphs[kept - 1]) <= _ENDNOTE_CHARS and _ENDNOTE.fullmatch(paragraphs[kept - 1]):
        kept -= 1
    if kept and kept < len(paragraphs) and paragraphs[kept - 1].strip(" :").casefold() in _ENDNOTES_HEADINGS:
        kept -= 1
    return "\n\n".join(paragraphs[:kept]) if 0 < kept < len(paragraphs) else text


def without_dividers(text: str) -> str:
    """`text` without the paragraphs that are dividers (_is_divider), if something is left."""
    if "\n\n" not in text or (text[0] not in _DIVIDER_MARKS and _DIVIDER_AFTER_BREAK.search(text) is None):
        return text
    paragraphs = text.split("\n\n")
    kept = [p for p in paragraphs if not _is_divider(p)]
    return "\n\n".join(kept) if kept and len(kept) != len(paragraphs) else text


# A line of the page's metadata at either end of the text, its parts between bars or middle dots,
# each a label and its value, a count, or a date: uCoz's "Категория: Новости района | Просмотров: 152 |
# Добавил: admin | Дата: 07.12.2021 | Комментарии (0)" under every story of its sites, and its kin
# on other CMSs' pages. A story's sentence is no such list.
# (The counts' labels are _VIEWS_LABELS.)
_METADATA_LABELS = (
    "категория", "категории", "рубрика", "раздел", "добавил", "добавила", "добавлено", "автор", "дата",
    "опубликовано", "рейтинг", "теги", "метки",
    "категорія", "розділ", "додав", "додала", "додано", "опубліковано", "мітки",
    "category", "categories", "posted by", "added by", "author", "date", "posted", "published", "rating", "tags",
    "filed under", "posted in",
    "kategorie", "rubrik", "autor", "datum", "kategoria", "data",
)
_METADATA_PART = re.compile(
    rf"(?:{alternatives(_METADATA_LABELS)}|{_VIEWS_WORD})(?:\s*:\s*[^\s:][^|·•]{{0,60}}|\s*\(\d+\)|\s+\d[\d.,]*"
    r"|(?:(?<=\sby)|(?<=\sin)|(?<=under))\s+[^\s:][^|·•]{0,60})"
    rf"|\d[\d.,]*\s+{_VIEWS_WORD}"
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?:,?\s+\d{1,2}:\d{2})?", re.IGNORECASE)
_METADATA_SEPARATOR = re.compile(r"\s+[|·•]\s+")
_METADATA_LINE_CHARS = 300


def is_metadata_line(paragraph: str) -> bool:
    """Whether a paragraph is a line of the page's metadata (_METADATA_PART): two parts or more."""
    if len(paragraph) > _METADATA_LINE_CHARS or not ("|" in paragraph or "·" in paragraph or "•" in paragraph):
        return False
    parts = _METADATA_SEPARATOR.split(paragraph.strip(" |·•"))
    return len(parts) >= 2 and all(_METADATA_PART.fullmatch(part.strip()) is not None for part in parts)


# A wire's name alone, a paragraph of its own over or under its copy: a portal's "Business Wire" over
# the release it runs, "Reuters" under a story.
_WIRES = AGENCY_NAMES | {"business wire", "pr newswire", "globe newswire", "globenewswire", "accesswire",
                         "associated press", "the associated press", "agence france-presse", "cision"}
_WIRE_NAME_CHARS = max(map(len, _WIRES))


def _is_a_wires_name(paragraph: str) -> bool:
    """Whether a paragraph is a wire's name alone ("Business Wire", "(AFP)"), or an outlet's code and
    the wire's ("OLJ / AFP", L'Orient-Le Jour's)."""
    if len(paragraph) > _WIRE_NAME_CHARS + 8:
        return False
    parts = [part.strip(" .()").casefold() for part in paragraph.split("/")]
    return any(part in _WIRES for part in parts) and all(
        part in _WIRES or (len(part) <= 4 and part.isalpha()) for part in parts)


# The desk's code closing the text, figures alone (IRNA's "۲۱۹۱", "۲۱۹۱**۲۰۱۷"): in any script's digits.
_DESK_CODE = re.compile(r"\d{3,}(?:[*/]+\d+)*\**")
_DESK_CODE_CHARS = 20
# A document attached to the story, its name alone and maybe its size, and the label of its field: OSCE's
# "507812.pdf 212.35 KB", ISW's "PDF:" over "…-build.pdf".
_ATTACHMENT = re.compile(r"[\w.()-]+\.(?:pdf|docx?|xlsx?|pptx?|odt|rtf|zip)(?:\s*\(?\d+(?:[.,]\d+)?\s?[KMG]i?B\)?)?"
                         r"|(?:pdf|attachments?|downloads?|файлы?|завантажити|скачать|документы?)\s*:?", re.IGNORECASE)
_ATTACHMENT_CHARS = 120
# And the page's count of readers alone, its eye's icon gone, opening it (Tengrinews's "- 12 345").
_COUNT_ALONE = re.compile(r"[-–—•·*\s]*\d{1,3}(?:[\s.,\u00a0\u202f]\d{3})*")


def without_orphan_label(text: str) -> str:
    """`text` without a label closing it, a few words and a colon, once what it stood over went (a
    channel's "Мы в соцсетях:" over the links the site's lines took)."""
    rest, joint, last = text.rpartition("\n\n")
    return rest if joint and rest and last.endswith(":") and len(last.split()) <= _ORPHAN_LABEL_WORDS else text


_ORPHAN_LABEL_WORDS = 4
_CALL_LINE_CHARS = 120


def without_metadata_lines(text: str) -> str:
    """`text` without a line of the page's metadata (is_metadata_line), or a wire's name alone
    (_WIRES), that closes or opens it, if something is left."""
    cut = text.rfind("\n\n")
    if cut <= 0:
        return text
    while cut > 0 and len(text) - cut - 2 <= _ATTACHMENT_CHARS and _ATTACHMENT.fullmatch(text, cut + 2) is not None:
        text, cut = text[:cut], text.rfind("\n\n", 0, cut)  # a file attached to a release, and its field's label
    if cut <= 0:
        return text
    last = text[cut + 2:]
    if is_metadata_line(last) or _is_a_wires_name(last) or (len(last) <= _DESK_CODE_CHARS and _DESK_CODE.fullmatch(last)):
        text = text[:cut]
    cut = text.find("\n\n")
    return text[cut + 2:] if 0 < cut < _METADATA_LINE_CHARS and (
        is_metadata_line(text[:cut]) or _is_a_wires_name(text[:cut])
        or (cut <= _DESK_CODE_CHARS and _COUNT_ALONE.fullmatch(text[:cut]) is not None)) else text


# A site's insert in square brackets, a paragraph of its own, that points to a newsletter or a
# channel ("[What you need to know to start the day: Get New York Today in your inbox.]", "[Like the
# Science Times page on Facebook.]"). An editor's note in brackets names none and stays.
# (Not "X" for the channel: "[SHData] Meter=String x=900 …", a forum post's code, closes so.)
# A call to follow or subscribe whose verb closes it, as Turkish, Azerbaijani, Kazakh, Korean and
# Japanese put it, and Russian and Ukrainian may ("Son dakika haberleri için Hürriyet'i Google News'te
# takip edin.", "\"Report\"un Telegram kanalına abunə olun…", "…Telegram-арнамызға жазылыңыз!", "Все
# новости — в нашем Telegram, подписывайтесь!"): with a channel named, as the calls that open.
_CALL_AT_END = re.compile(r"(?:takip edin(?:iz)?|takip etmek için tıklayın(?:ız)?|abone olun(?:uz)?|abunə olun|"
                          # Turkish "don't miss" and "download", Dutch "and stay informed" (NTV's, RTL Nieuws's)
                          r"kaçırmayın|indirin(?:iz)?|blijf op de hoogte(?: van het (?:laatste )?nieuws)?|"
                          r"xəbərdar olun|"
                          r"izləyin|жазылыңыз|қосылыңыз|подписывайтесь|подпишитесь|підписуйтесь|підпишіться|"
                          r"구독하세요|팔로우하세요|フォローしてください|フォローお願いします)[!.。！\s]*$", re.IGNORECASE)
_CALL_AT_END_CHARS = 48
_CALL_LAST_WORDS = ("edin", "ediniz", "tıklayın", "tıklayınız", "olun", "olunuz", "izləyin", "жазылыңыз", "қосылыңыз",
                    "kaçırmayın", "indirin", "indiriniz", "hoogte", "nieuws",
                    "тесь", "іться", "세요", "ください", "します")
_CLOSING_MARKS = "!.。！ "
# Where Indonesian sites' feeds and texts had an embedded video or gallery ("[Gambas:Video 20detik]",
# Detik's and CNN Indonesia's), the placeholder their CMS left.
_EMBED_PLACEHOLDER = re.compile(r"\[Gambas:[^\[\]\n]{1,60}\]")
_BRACKETED_CALL = re.compile(r"inbox|sign up|newsletter|subscribe|podcast|telegram|телеграм|facebook|фейсбук|twitter|"
                             r"instagram|инстаграм|інстаграм|youtube|tiktok|whatsapp|viber|рассылк|розсилк|подпи|підпи",
                             re.IGNORECASE)


# A site's link to its page on a network, or to its donations, as a paragraph of its own: a label
# of a few words and the address ("เฟซบุ๊ก https://fb.me/prachatai", "Telegram: https://t.me/…",
# "PayPal: https://paypal.me/…"). A story's sentence that gives such an address has more words.
_SOCIAL_ADDRESS = re.compile(r"https?://(?:www\.|m\.)?(?:facebook\.com|fb\.me|fb\.com|twitter\.com|x\.com|t\.me|"
                             r"telegram\.me|instagram\.com|youtube\.com|youtu\.be|tiktok\.com|vk\.com|ok\.ru|line\.me|"
                             r"paypal\.me|patreon\.com|linkedin\.com|threads\.net|bsky\.app|whatsapp\.com|wa\.me)"
                             # a page or profile, not one post or video ("…/status/…", "watch?v=…": a story's link)
                             r"/(?:(?:c|channel|user|company|in)/)?[^/\s?#]+/?(?=[\s)\]]|$)")
_SOCIAL_LINK_WORDS = 4
_SOCIAL_LINK_CHARS = 40


# A pointer to the site or a page of it, a line of its own: a few words ending with a colon, then
# the address of a site's front page or of a section or channel of it, nothing after ("For more news
# go to: http://www.dw.com/en/", "Für Videos in deutscher Sprache besuchen Sie: https://www.youtube.com/dwdeutsch").
# An address deeper in a site (a report's, a statement's) is the story's source, and stays.
# (A pictograph or a bullet may stand ahead, "▶️ Наш сайт: https://…", and the site's name be quoted:
# "Поддержите «Медузу»: https://support.meduza.io".)
_POINTER_TO_A_SITE = re.compile(r"[^\w\n«\"“]{0,4}(?:[«\"“]?[^\W\d][\w'’«»\"“”-]*[ \t]+){1,9}[«\"“]?[^\W\d][\w'’«»\"“”-]*:"
                                r"[ \t]*https?://[\w.-]+(?::\d+)?(?:/[\w.-]*){0,2}/?$", re.MULTILINE)


def _is_social_link(paragraph: str) -> bool:
    found = _SOCIAL_ADDRESS.search(paragraph)
    if found is None:
        return False
    rest = paragraph[:found.start()] + " " + paragraph[found.end():]
    # Characters counted too: Thai, Chinese and Japanese write a sentence as one "word" (and a
    # Chinese or Japanese character says about what two Latin letters do).
    rest = rest.strip()
    return (len(rest.split()) <= _SOCIAL_LINK_WORDS
            and len(rest) + len(CJK_CHARACTER.findall(rest)) <= _SOCIAL_LINK_CHARS
            and _SOCIAL_ADDRESS.search(rest) is None)


# A call to pay for the journalism, closing an article of an independent outlet ("Diese Recherche
# wurde mit der Unterstützung von Bürgerinnen und Bürgern realisiert. Jetzt unterstützen!",
# "Підтримайте нас"): the site's, under every story. Taken only as the text's last paragraphs: one
# of at most PROMOTION_MAX_CHARS that opens with the call, or one of at most _APPEAL_MAX_CHARS that
# closes with it ("'Support us,' the mayor told residents" stays: the call is quoted and does not
# close the paragraph).
_DONATION_CALLS = (
    "susține jurnalismul independent", "donează acum", "sprijină jurnalismul independent",  # Romanian
    "support us", "support our journalism", "support independent journalism", "donate now", "make a donation",
    "please donate", "become a patron", "jetzt unterstützen", "unterstützen sie uns", "jetzt spenden",
    "support fearless journalism", "support quality journalism", "support our independent journalism",
    "поддержите нас", "поддержать нас", "поддержите редакцию", "поддержать редакцию", "поддержать проект",
    "підтримайте нас", "підтримати нас", "підтримайте редакцію", "підтримати редакцію", "підтримати проєкт",
    "підтримайте українську правду", "підтримати українську правду",
    "soutenez-nous", "faites un don", "apóyanos", "haz una donación", "wesprzyj nas", "faça uma doação",
    "поддержите нас на patreon", "підтримайте нас на patreon", "support us on patreon",
    "támogassa a független", "támogasd a független",  # Index's "Támogassa a független újságírást!"
)
_DONATION_ALTERNATIVES = alternatives(_DONATION_CALLS)
_APPEAL_MAX_CHARS = 800  # a paragraph that closes with the call: the outlet's appeal, told at some length
_CALL_AND_MARKS = max(map(len, _DONATION_CALLS)) + 8
# And a call to join the outlet's members, a sentence of its own ("Become a member today."): after a
# sentence's end, as no story closes ("…has long sought to become a member.").
_MEMBERSHIP_CALL = r"become a (?:member|supporter)(?: today| now)?"
_DONATION_AT_START = re.compile(rf"[^\w\n'\"«„“‘]{{0,4}}(?:{_DONATION_ALTERNATIVES}|{_MEMBERSHIP_CALL})\b", re.IGNORECASE)
_DONATION_AT_END = re.compile(rf"\b(?:{_DONATION_ALTERNATIVES})\s*[!.…→»>]*\s*$", re.IGNORECASE)
_MEMBERSHIP_AT_END = re.compile(rf"(?:^|(?<=[.!?…]\s)){_MEMBERSHIP_CALL}\s*[!.…→»>]*\s*$", re.IGNORECASE)
# And a call to pay the outlet by its name, a sentence of its own closing the paragraph: "Поддержите
# «Медузу» →", "Support the Kyiv Independent", "Donate to Meduza", "Підтримайте «Громадське»" (the name
# in quotation marks or capitalised; "…urged allies to support Ukraine." follows no sentence's end).
# A country's name is a slogan's ("Support Ukraine!", "Підтримайте Україну"), and stays.
_NAMED_DONATION_AT_END = re.compile(
    r"(?:^|(?<=[.!?…]\s|,\s))(?:support|donate to|поддержите|поддержать|підтримайте|підтримати|падтрымайце|падтрымаць|"
    r"támogasd az?|támogassa az?)"
    rf"\s+(?P<name>[«\"“][^»\"”\n]{{1,40}}[»\"”]|{_CAPITALISED_NAME})\s*[!.…→»>]*\s*$", re.IGNORECASE)
_NAMED_DONATION_CHARS = 80  # the call and the name, looked for at the close
_NAMED_DONATION_WORDS = ("upport", "onate", "оддерж", "ідтрим", "адтрым", "ámogas")
_COUNTRIES_SUPPORTED = frozenset((
    "ukraine", "україну", "украину", "україна", "украина", "russia", "россию", "росію", "belarus", "беларусь",
    "білорусь", "georgia", "moldova", "israel", "palestine", "gaza", "taiwan", "europe", "nato", "us", "usa", "america",
))


# A short line over the appeal, no sentence of the story's: its heading.
_APPEAL_HEADING = re.compile(r"spende|donat|support|unterstütz|поддерж|підтрим|soutenez|soutien|apoy|wesprzyj|patreon|"
                             r"\binsider\b",  # a membership's name ("Maverick Insider", Daily Maverick's)
                             re.IGNORECASE)
_APPEAL_HEADING_CHARS = 60


# The writer's note closing a story, with a call to follow them ("Lucas Nolan is a reporter for … Follow
# him on Twitter @LucasNolan_ or email him at …", Breitbart's): the site's, under every story of theirs.
# And the wires' and papers' note of who else reported it ("Jane Doe contributed reporting from Kyiv.",
# "Associated Press writer Jane Doe in Kyiv contributed to this report.").
_WRITERS_CALL = re.compile(r"\bfollow (?:him|her|them|me) on (?:twitter|x|instagram|facebook|threads|bluesky|mastodon)\b"
                           r"|\be-?mail (?:him|her|them|me) at \S+@"
                           # a regional paper's writer's line: "Steve Strunsky may be reached at sstrunsky@…"
                           rf"|\b(?:(?:may|can) be reached|reach (?:him|her|them|me)|contact (?:him|her|them|me)) "
                           rf"(?:by e-?mail |by phone )?(?:at|via|on) (?:[\w.+-]+@|{_PHONE_NUMBER})"
                           r"|\bcontributed (?:reporting|research|to this (?:report|story|article))\b", re.IGNORECASE)


_SIGNER_CHARS = 30
_SIGNER_WORDS = 3
_LETTER_PARAGRAPHS = 3  # over the call: the letter's salutation, and a paragraph or two under it
_LETTER_CHARS = 1500
_SALUTATION_HINTS = ("Dear ", "DEAR ", "dear ", "Hello ", "Hi ", "Шановні", "Дорогі", "Уважаемые", "Дорогие", "Liebe ",
                     "Chers ", "Chères ", "Queridos ", "Estimados ", "Drodzy ")
_SALUTATION_ALONE = re.compile(r"(?:dear|hello|hi)\s+(?:readers?|subscribers?|friends?)\s*[,!:]?|"
                               rf"(?:{alternatives(_SALUTATIONS)})\s*[!,.:]?", re.IGNORECASE)


def _closes_with_a_call(text: str) -> bool:
    """Whether a text's last paragraph is a call to pay for it (as without_closing_appeal reads one)."""
    last = text.rpartition("\n\n")[2]
    return len(last) <= _APPEAL_MAX_CHARS and (
        _DONATION_AT_END.search(last, max(0, len(last) - _CALL_AND_MARKS)) is not None
        or ("ecome a " in last and _MEMBERSHIP_AT_END.search(last, max(0, len(last) - _CALL_AND_MARKS)) is not None)
        or _calls_to_pay_the_outlet(last) or is_closing_notice(last))


def without_closing_appeal(text: str) -> str:
    """`text` without the call to pay for the journalism that closes it (_DONATION_CALLS), the
    writer's note with a call to follow them (_WRITERS_CALL), a publishing platform's notice
    (_PLATFORMS_NOTICE) or a site's disclaimer (_DISCLAIMER, _OWN_VIEWS), as one or two paragraphs of
    their own, and the appeal's heading over it (_APPEAL_HEADING), if something is left; and
    without a disclaimer that opens it."""
    cut = False
    # The appeal's signer under it, a line of a few words and no sentence (Business Standard's "Digital
    # Editor"): looked past, and cut with the call over it.
    head, joint, signer = text.rpartition("\n\n")
    if joint and head and len(signer) <= _SIGNER_CHARS and len(signer.split()) <= _SIGNER_WORDS \
            and not closes_a_sentence(signer) and _closes_with_a_call(head):
        text = head
    for _ in range(2):
        head, joint, last = text.rpartition("\n\n")
        if not joint or not head or len(last) > _APPEAL_MAX_CHARS:
            break
        # The end is looked at from a little before its longest call on: 13 µs a paragraph, 3.
        if not _closes_with_a_call(last):
            break
        text, cut = head, True
    if any(hint in text[-_LETTER_CHARS:] for hint in _SALUTATION_HINTS):
        # the site's letter to its readers closing the text, from its salutation on (Business Standard's
        # "Dear Reader," over its appeal, whose call another cleaner may have taken already)
        paragraphs = text.split("\n\n")
        for back in range(1, min(_LETTER_PARAGRAPHS, len(paragraphs) - 1) + 1):
            if _SALUTATION_ALONE.fullmatch(paragraphs[-back]) is not None:
                text = "\n\n".join(paragraphs[:-back])
                break
    if cut:  # the heading over an appeal: "CORRECTIV ist spendenfinanziert!" over its "Jetzt unterstützen!"
        head, joint, last = text.rpartition("\n\n")
        if joint and head and len(last) <= _APPEAL_HEADING_CHARS and not last.endswith(".") \
                and _APPEAL_HEADING.search(last) is not None:
            text = head
    # A column's writer and disclaimer over its text (CNN Opinion's "… The views expressed in this
    # commentary are her own."), and an opening disclaimer of the kind.
    first, joint, rest = text.partition("\n\n")
    if joint and rest and len(first) <= PROMOTION_MAX_CHARS and (
            (" own" in first and _OWN_VIEWS.search(first) is not None)
            or (first[:1] in _DISCLAIMER_INITIALS and _DISCLAIMER.match(first) is not None)):
        text = rest
    return text


def _calls_to_pay_the_outlet(paragraph: str) -> bool:
    # The call's word first, but for its first letter (either case): the expression at each place of
    # the close cost 1.6 µs a text, a case-blind search for the words 2.3 µs.
    tail = paragraph[-_NAMED_DONATION_CHARS:]
    if not any(word in tail for word in _NAMED_DONATION_WORDS):
        return False
    found = _NAMED_DONATION_AT_END.search(paragraph, max(0, len(paragraph) - _NAMED_DONATION_CHARS))
    return found is not None and found.group("name").strip("«»\"“”.!…").casefold() not in _COUNTRIES_SUPPORTED


# A call to support the outlet by its name, by joining or paying: The Local's "Please support The Local:
# become a member to get unlimited access to our journalism." ("Please support the motion" is a story's.)
_SUPPORT_THE_OUTLET = re.compile(r"please support (?-i:(?:The )?[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})\s*[:,.!-]+\s*"
                                 r"(?:become a (?:member|supporter)|subscribe|donate|join)", re.IGNORECASE)
# A paper's appeal to its readers in its own words, whatever its name: NJ.com's "Thank you for relying on
# us to provide the journalism you can trust. Please consider supporting NJ.com with a voluntary
# subscription.", Stuff's "Kia ora. We're asking Stuff readers to make a contribution…".
_READERS_APPEAL = re.compile(r"\b(?:thank you for relying on us|please consider supporting (?-i:[A-Z])[\w.'’-]*"
                             r"|we(?:'|’| a)re asking (?:our )?(?:(?-i:[A-Z])[\w.'’-]* )?readers to)\b"
                             # and its price: the Kyiv Post's "… Become a subscriber for just $45/year."
                             r"|\bbecome an? (?:paid )?(?:subscriber|member) for (?:just |only )?[$€£]\s?\d"
                             # ThePrint's: "Quality journalism costs money, and it needs readers like you to pay for it."
                             r"|\bneeds readers like you to pay\b"
                             # WION's call for its readers' own pieces: "You can now write for wionews.com and …"
                             r"|\byou can now write for [\w-]+\.[\w.]+", re.IGNORECASE)


# The Indian business papers' line under every story: "(Catch all the Business News, Breaking News Events
# and Latest News Updates on The Economic Times.)", Mint's "Catch all the … on Live Mint."
_CATCH_ALL_THE_NEWS = re.compile(r"\(?catch all the [^()\n]{0,80}?news[^()\n]{0,80}? (?:on|at) [^()\n]{2,60}?\.?\)?\.?",
                                 re.IGNORECASE)
# News Corp Australia's line under every story: "Don't miss out on the headlines from Europe. Followed
# categories will be added to My News."
_FOLLOW_IN_MY_NEWS = re.compile(r"don['’]t miss out on the headlines from [^.\n]{1,60}\.\s*"
                                r"followed categories will be added to my news\.?", re.IGNORECASE)


def is_closing_notice(paragraph: str) -> bool:
    """Whether a paragraph of at most PROMOTION_MAX_CHARS is a call to pay that opens it, a
    writer's call to follow them, a platform's notice (a podcast host's too) or a site's disclaimer."""
    return len(paragraph) <= PROMOTION_MAX_CHARS and (
        _DONATION_AT_START.match(paragraph) is not None or _WRITERS_CALL.search(paragraph) is not None
        or _SUPPORT_THE_OUTLET.match(paragraph) is not None
        or (("eaders" in paragraph or "upporting" in paragraph or "relying" in paragraph or "ecome a" in paragraph
             or "rite for" in paragraph)
            and _READERS_APPEAL.search(paragraph) is not None)
        or ("My News" in paragraph and _FOLLOW_IN_MY_NEWS.fullmatch(paragraph) is not None)
        or ("atch all the" in paragraph and _CATCH_ALL_THE_NEWS.fullmatch(paragraph) is not None)
        or _DISCLAIMER.match(paragraph) is not None
        or (" own" in paragraph and _OWN_VIEWS.search(paragraph) is not None)
        or (_VIEWS_WORDS.search(paragraph) is not None and _INSTITUTIONS_VIEWS.search(paragraph) is not None)
        or (len(paragraph) <= _POINTER_CHARS and _CLICK_HERE_AT_END.search(paragraph) is not None)
        or (len(paragraph) <= _POINTER_CHARS and "ngebot" in paragraph and _SITES_OWNER.search(paragraph) is not None)
        or ("funding" in paragraph and _FUNDING_DISCLOSURE.fullmatch(paragraph) is not None)
        or (("信息" in paragraph or "storage" in paragraph) and _PLATFORMS_NOTICE.search(paragraph) is not None)
        or (("/" in paragraph or "adswizz" in paragraph) and _PODCAST_HOSTS_NOTICE.search(paragraph) is not None))


# The Conversation's disclosure under each of its writers' stories, as the papers republishing them
# carry it: "Alex Grid receives funding from the National Science Foundation.", "Jane Doe does not work
# for, consult, own shares in or receive funding from any company or organisation…": a writer's
# name (two to four capitalised words) and the words, the whole paragraph.
_FUNDING_DISCLOSURE = re.compile(
    r"(?:[A-ZÀ-Þ][\w'’.-]+\s+){1,3}[A-ZÀ-Þ][\w'’-]+\s+(?:receives|has received|received) funding from [^\n]{3,200}?\.|"
    r"(?:[A-ZÀ-Þ][\w'’.-]+\s+){1,3}[A-ZÀ-Þ][\w'’-]+\s+does not work for, consult, own shares in or receive funding from[^\n]*")
# A podcast host's notice under every episode's notes, whatever the show: Omny's "See
# omnystudio.com/listener for privacy information.", Acast's "Hosted on Acast. See acast.com/privacy for
# more information.", Megaphone's "Learn more about your ad choices. Visit megaphone.fm/adchoices",
# ART19's "See Privacy Policy at https://art19.com/privacy…", Simplecast's "…See pcm.adswizz.com for
# information about our collection and use of personal data for advertising.", Spotify's (Anchor's)
# "Support this podcast: https://podcasters.spotify.com/pod/show/NAME/support" and "Send in a voice
# message: …/message". Told by the host's own address.
_PODCAST_HOSTS_NOTICE = re.compile(r"\b(?:omnystudio\.com/listener|omny\.fm/listener|acast\.com/privacy|megaphone\.fm/adchoices|"
                                   r"podcastchoices\.com/adchoices|art19\.com/privacy|pcm\.adswizz\.com|"
                                   r"(?:podcasters\.spotify\.com/pod/show|anchor\.fm)/[\w.-]+/(?:support|message))\b",
                                   re.IGNORECASE)


# The notice a publishing platform sets under every post of its users: Chinese portals' "特别声明：以上
# 内容…为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。" (Sohu's and Baidu's alike), with
# NetEase's English version under it ("… only provides information storage services."), and
# notices labelled so ("免责声明：…"; not a plain "声明：", which may open a statement a story quotes).
# The platform's, word for word under thousands of unrelated posts. And the site's disclaimer under
# a column or over its readers' comments, opening its paragraph: "Мнение автора может не совпадать с
# мнением редакции", "Думка автора може не збігатися з позицією редакції", "The views expressed
# here are the author's own", CNN Arabic's "الآراء الواردة أدناه لا تعبر عن رأي موقع CNN" (a story
# may close with "…does not reflect the views of the government": not opening the paragraph).
_PLATFORMS_NOTICE = re.compile(r"仅提供信息(?:存储|发布)(?:空间)?服务|\bonly provides information storage services?\b",
                               re.IGNORECASE)
_DISCLAIMER = re.compile(r"[【\[]?(?:特别|免责)?声明\s*[：:】\]]\s*本文|[【\[]?(?:特别|免责)声明\s*[：:】\]]|(?:мнение|точка зрения|позиция) (?:автора|авторов)|"
                         r"(?:меркаванне|пазіцыя) (?:аўтара|аўтараў)|рэдакцыя (?:можа )?не (?:падзяляе|нясе)|"
                         r"(?:мнение|позиция|думка|позиція) редакц(?:ии|ії) (?:может |може )?не (?:совпадать|збігатися)|"
                         r"(?:думка|позиція|точка зору) (?:автора|авторів)|редакция (?:может )?не (?:разделяет|несет)|"
                         r"редакція (?:може )?не (?:поділяє|несе)|(?:the )?(?:views|opinions) (?:and opinions )?expressed|"
                         r"disclaimer:|الآراء الواردة|"
                         # The rules for readers' comments under the story: CNN Arabic's "ترحب شبكة CNN
                         # بالنقاش الحيوي والمفيد، وكي لا نضطر … إلى مراجعة التعليقات…" ("CNN welcomes lively
                         # discussion…"), and their English kind.
                         r"(?:ترحب|نرحب)\s+(?:\S+\s+){0,3}?(?:بالنقاش|بالتعليقات|بتعليقات)|"
                         r"we welcome (?:your )?(?:comments|discussion)|comments (?:are|will be) (?:moderated|reviewed)|"
                         # an opinion column's note ("Колонка є авторською. Редакція УП не завжди поділяє…",
                         # "Les opinions exprimées dans cette tribune n'engagent que leur auteur"), an
                         # interview's edit note, the Guardian's call for letters, a fact-check's note
                         r"колонка (?:є|является) авторськ(?:ою|ой)|колонка авторская|"
                         r"(?:редакція|редакция) (?:\S+ )?(?:може |может )?не (?:завжди |всегда )?(?:поділяє|разделяет)|"
                         r"les (?:opinions|propos) exprimé(?:e|s|es)? [^.\n]{0,60}n'engagent que|"
                         r"(?:cette tribune|ce texte) n'engage que|"
                         r"(?:this|the) (?:interview|conversation|transcript) has been (?:edited|condensed|lightly edited)|"
                         r"(?:this )?interview (?:has been |was )?(?:condensed and edited|edited and condensed)|"
                         r"do you have an opinion on the issues raised in this article|"
                         r"this article is part of our work fact-checking",
                         re.IGNORECASE)
# The letters a disclaimer opens with, either case (a look before the expression, for the text's opening).
_DISCLAIMER_INITIALS = frozenset("【[特免声МмТтПпРрДдКкTtVvOoDdWwCcLlIiاتن")
# A think tank's note that it holds no views of its own, wherever it stands in its paragraph
# (Carnegie's "Carnegie does not take institutional positions on public policy issues; the views
# represented herein are those of the author(s)…", ECFR's "… only represent the views of their
# individual authors", "В публикации отражены личные взгляды автора").
_VIEWS_WORDS = re.compile(r"view|position|opinion|взгляд|позиц|погляд", re.IGNORECASE)
_INSTITUTIONS_VIEWS = re.compile(
    r"does not take (?:any )?(?:institutional|collective|corporate|(?:specific )?policy) positions|"
    r"views represented herein|(?:only )?represent the views of (?:their|its|the) (?:individual )?authors?|"
    r"(?:all )?opinions (?:expressed )?are (?:solely )?(?:those )?of the authors?\b|"
    r"личные взгляды автора|не выступает с (?:общей|коллективной) позицией|особисті погляди автора|"
    r"не має (?:колективної|інституційної) позиції", re.IGNORECASE)
# A pointer closing the text to another page by "click here" (Jamestown's "*To read Part One of this
# series, please click here."), in the languages of the product's sources.
_CLICK_HERE_AT_END = re.compile(r"(?:click here|hier klicken|cliquez ici|kliknij tutaj|нажмите здесь|натисніть тут|"
                                r"haga clic aquí|clicca qui|klikněte zde)\W{0,3}$", re.IGNORECASE)
_POINTER_CHARS = 200
# A site saying whose it is under every story (Ippen's "*Merkur.de ist ein Angebot von IPPEN.MEDIA.", on
# its eighty sites).
_SITES_OWNER = re.compile(r"\bist ein (?:angebot|produkt) (?:von|der)\b", re.IGNORECASE)
# And the note that the views are the writer's own, closing a bio ("Laura Whitfield is a former mail
# carrier. The views expressed in this commentary are her own."), looked for in the paragraph.
_OWN_VIEWS = re.compile(r"(?:views|opinions) expressed (?:in|here|by)[^.\n]{0,80}?(?:are|is) (?:solely )?"
                        r"(?:his|her|their|its|the author's|the writer's|the authors') own", re.IGNORECASE)


_TEXT_AD = re.compile(r"text ad\s*:\s*\S", re.IGNORECASE)
_TEXT_AD_CHARS = 200


def _is_promotion(paragraph: str) -> bool:
    if paragraph.startswith("[") and paragraph.endswith("]") and (
            _BRACKETED_CALL.search(paragraph) is not None or _EMBED_PLACEHOLDER.fullmatch(paragraph) is not None):
        return True
    if "://" in paragraph and (_is_social_link(paragraph) or _POINTER_TO_A_SITE.fullmatch(paragraph) is not None):
        return True
    if (("+" in paragraph and _CTRL_ENTER.search(paragraph)) or is_site_labels(paragraph)
            or _READER_PROMPT.match(paragraph.lstrip(" *•→»")) is not None
            or _THANKS_FOR_READING.match(paragraph) is not None
            or (_asks_for_support(paragraph) and _READER_SUPPORTED.search(paragraph) is not None)):
        return True
    if "erid" in paragraph and _AD_MARKING.search(paragraph) is not None:
        return True
    if len(paragraph) <= _TEXT_AD_CHARS and paragraph[:7].casefold() == "text ad" and _TEXT_AD.match(paragraph) is not None:
        return True  # a classified set among the paragraphs (Premium Times' "TEXT AD: Call Willie - +234…")
    if "sub_confirmation=1" in paragraph:  # a link that subscribes to a YouTube channel, with its call
        return True
    if paragraph.startswith("(") and len(paragraph) <= _WIRES_UPDATE_NOTE_CHARS and _WIRES_UPDATE_NOTE.fullmatch(paragraph):
        return True
    if paragraph.startswith("*") and len(paragraph) <= _FOOTNOTE_CHARS and _LEGAL_FOOTNOTE.search(paragraph) is not None:
        return True
    if len(paragraph) <= _PLAYER_OR_OFFER_CHARS and _PLAYER_OR_OFFER_LINE.match(paragraph) is not None:
        return True
    if paragraph.startswith(("—", "&mdash;")) and len(paragraph) <= _PLAYER_OR_OFFER_CHARS \
            and _TWEETS_ATTRIBUTION.fullmatch(paragraph) is not None:
        return True
    if "/" in paragraph and len(paragraph) <= CREDIT_MAX_CHARS and _CREDIT_AFTER_SLASH.search(paragraph) is not None:
        return True
    if len(paragraph) <= _WIRE_CREDITS_CHARS and paragraph.lstrip("(")[:1] in "RrAaWwEe" \
            and _WIRE_CREDITS.match(paragraph.lstrip("(")) is not None:
        return True  # the wire's credits, as long as its team was ("Reporting by … in Washington, … in Moscow; …")
    if paragraph.startswith("(") and "едактор" in paragraph and RUSSIAN_WIRE_CREDITS.fullmatch(paragraph) is not None:
        return True  # Reuters' in Russian: "(Анастасия Лыркова. Редактор Михаил Антонов)"
    if "ewsletter" in paragraph and len(paragraph) <= _NEWSLETTER_CALL_CHARS and _NEWSLETTER_CALL.search(paragraph):
        return True
    if "ubscri" in paragraph and _SUBSCRIBE_AT.search(paragraph) is not None:
        return True
    if len(paragraph) <= _CALL_LINE_CHARS and _NEWS_ON_A_CHANNEL.match(paragraph) is not None:
        return True
    if len(paragraph) <= CREDIT_MAX_CHARS and (_CREDIT.match(paragraph) is not None
                                               or _RIGHTS_AND_COPYRIGHT.fullmatch(paragraph.strip(" .©")) is not None
                                               or _COPYRIGHT_AND_RIGHTS.fullmatch(paragraph) is not None
                                               or ("/" in paragraph and _NAME_SLASH_AGENCY.fullmatch(paragraph))
                                               or _EMBEDS_LINE.fullmatch(paragraph) is not None
                                               or _names_an_agency_as_source(paragraph)
                                               or paragraph.strip(" .()[]").casefold() in _ILLUSTRATIVE):
        return True
    if _TAGS.match(paragraph) is not None or _OTHER_EDITION.fullmatch(paragraph) is not None:
        return True
    if paragraph.startswith("#") and _HASHTAGS.fullmatch(paragraph) is not None:
        return True
    if _is_a_page_figure(paragraph) or (len(paragraph) <= UPDATE_NOTE_CHARS and is_update_note(paragraph)):
        return True  # a count of readers, a reading time, an update's note ("Оновлено о 15:00")
    if len(paragraph) <= _SUBSCRIBE_NAMED_CHARS and _SUBSCRIBE_NAMED.fullmatch(paragraph) is not None:
        return True
    if paragraph[:2] in ("If", "if", "Si", "Wenn", "wenn", "Ес", "Як") and len(paragraph) <= PROMOTION_MAX_CHARS \
            and (liked := _LIKED_IT.match(paragraph)) is not None and liked.end() < len(paragraph):
        call = paragraph[liked.end():]
        if _PASS_IT_ON.match(call) is not None:  # "…, перешлите его друзьям", "…, forward it to a friend"
            return True
        call = call[:free.start()] if (free := _FREE.search(call)) is not None else call
        return _is_promotion(call[:1].upper() + call[1:])
    if len(paragraph) <= PROMOTION_MAX_CHARS and (saluted := _SALUTED.match(paragraph)) is not None \
            and saluted.end() < len(paragraph):
        return _is_promotion(paragraph[saluted.end():])
    if (_PROMOTION.match(paragraph) is not None or _OUR_NEWS.match(paragraph) is not None) \
            and _PROMOTION_CHANNELS.search(paragraph) is not None:
        return True
    if _CALL_AT_END.search(paragraph, max(0, len(paragraph) - _CALL_AT_END_CHARS)) is not None \
            and _PROMOTION_CHANNELS.search(paragraph) is not None:
        return True
    if _is_a_local_call(paragraph):
        return True
    if (_REPRINT.match(paragraph) is not None and _REPRINT_LINK.search(paragraph) is not None) \
            or _REPRINT_BANNED.match(paragraph) is not None \
            or _COPYRIGHT_LINE.match(paragraph) is not None or _REPUBLISHED.match(paragraph.lstrip("([-–— ")) is not None \
            or (len(paragraph) <= _WRITERS_PAGE_CHARS and _WRITERS_PAGE.match(paragraph) is not None
                and not paragraph.endswith((".", "!", "?"))):  # "All articles by Reuters are checked." is a story's
        return True
    if _FORUM_STATISTICS.fullmatch(paragraph) is not None:
        return True
    if len(paragraph) <= CREDIT_MAX_CHARS and _KOREAN_RIGHTS.search(paragraph) is not None:
        return True
    if len(paragraph) <= _CJK_SITE_LINE_CHARS and not paragraph.isascii() and _CJK_SITE_LINE.search(paragraph):
        return True
    if "@" in paragraph and _ADDRESS_ALONE.fullmatch(paragraph) is not None:
        return True
    # A call to follow the site's coverage at its address: AP's "Follow AP’s coverage of the
    # Russia-Ukraine crisis at https://apnews.com/hub/russia-ukraine".
    if "://" in paragraph and paragraph[:7].casefold() == "follow " and _AT_AN_ADDRESS.search(paragraph) is not None:
        return True
    # The call after the site's own words, with the channel's address: "Новини від Корреспондент.net в
    # Telegram та WhatsApp. Підписуйтесь на наш канал https://t.me/korrespondentnet".
    return ("://" in paragraph and _SOCIAL_ADDRESS.search(paragraph) is not None
            and _OUR_CHANNEL_CALL.search(paragraph) is not None)


_LIST_MARKS = "-–—•*· "


def _is_a_page_figure(paragraph: str) -> bool:
    """Whether a paragraph is the page's count of its readers, the time it takes to read, or a live
    page's time of an entry as it was when the page was read ("1 hr 45 min ago", CNN's). (Not a time
    of day alone, "10:15": a live page's entries may be told by it, and a video's length is written so.)"""
    paragraph = paragraph.lstrip(_LIST_MARKS)  # (an item of the page's list of facts: Tasnim's "- کد خبر: 2621457")
    return len(paragraph) <= _VIEW_COUNT_CHARS and (_VIEW_COUNT.fullmatch(paragraph) is not None
                                                    or is_reading_time(paragraph)
                                                    or _TIME_AGO.fullmatch(paragraph) is not None)



def is_reading_time(text: str) -> bool:
    """Whether a text is the time an article takes to read and nothing else ("Lecture 3 min.", "3
    min read", "Время чтения: 3 мин", "5 min"): a byline may close with one too."""
    return _READING_TIME.fullmatch(text.rstrip(" .")) is not None


_AT_AN_ADDRESS = re.compile(r"\bat\s+https?://\S+\s*$")  # closing the paragraph


# "Subscribe to our channel", "Підписуйтесь на наш канал": the site's words ("our"), a story's
# sentence quotes someone else's call.
_OUR_CHANNEL_CALL = re.compile(
    r"\b(?:subscribe to|follow|подписывайтесь на|подпишитесь на|подпишись на|підписуйтесь на|підписуйтеся на|"
    r"підпишіться на|підпишись на|падпісвайцеся на|падпішыцеся на)\s+"
    r"(?:our|наш|нашу|наши|нашей|наших|наші|нашої|нашы|нашай)\b", re.IGNORECASE)
