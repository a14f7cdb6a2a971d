"""The default layouts (A4 landscape, DejaVu fonts) seeded into ``CertificateTemplate`` and used
when no template of a kind is active. Admins edit copies in the admin; Russian is the content."""

_STYLE = """
@page { size: A4 landscape; margin: 0; }
html, body { margin: 0; padding: 0; }
body { font-family: "DejaVu Serif", serif; color: #1f2a44; }
.sheet { position: relative; width: 297mm; height: 210mm; box-sizing: border-box; padding: 12mm; }
.frame { height: 100%; box-sizing: border-box; border: 2.5mm double {{ accent }}; padding: 10mm 18mm 8mm;
         position: relative; background: #fffdf7; }
.corner { position: absolute; width: 18mm; height: 18mm; border-color: {{ accent }}; border-style: solid; }
.tl { top: 3mm; left: 3mm; border-width: 1mm 0 0 1mm; } .tr { top: 3mm; right: 3mm; border-width: 1mm 1mm 0 0; }
.bl { bottom: 3mm; left: 3mm; border-width: 0 0 1mm 1mm; } .br { bottom: 3mm; right: 3mm; border-width: 0 1mm 1mm 0; }
.issuer { text-align: center; font-family: "DejaVu Sans", sans-serif; font-size: 10.5pt; letter-spacing: .3pt;
          text-transform: uppercase; color: #44506b; }
h1 { text-align: center; font-size: 34pt; letter-spacing: 2pt; margin: 8mm 0 6mm; color: {{ accent }}; }
.name { text-align: center; font-size: 26pt; font-weight: bold; margin: 2mm 0 3mm; }
.line { text-align: center; font-size: 17pt; font-weight: bold; color: {{ accent }}; margin: 0 0 3mm; }
.text { text-align: center; font-size: 14pt; line-height: 1.45; margin: 0 14mm; }
.event { font-weight: bold; }
.revoked { position: absolute; top: 80mm; left: 40mm; right: 40mm; text-align: center; font-family: "DejaVu Sans";
           font-size: 40pt; color: rgba(190, 30, 30, .55); border: 2mm solid rgba(190, 30, 30, .55);
           transform: rotate(-12deg); }
.footer { position: absolute; left: 18mm; right: 18mm; bottom: 9mm; font-family: "DejaVu Sans", sans-serif;
          font-size: 9pt; color: #44506b; }
.footer table { width: 100%; border-collapse: collapse; }
.footer td { vertical-align: bottom; }
.sign { width: 45%; } .sign .rule { border-bottom: .3mm solid #44506b; width: 60mm; height: 9mm; }
.qr { text-align: right; } .qr img { width: 30mm; height: 30mm; }
.number { font-size: 10pt; color: #1f2a44; }
"""

_FOOTER = """
<div class="footer"><table><tr>
  <td class="sign">
    <div class="rule"></div>
    Руководитель муниципального методического центра<br>
    Дата выдачи: {{ issued_on|date:"d.m.Y" }}<br>
    <span class="number">№ {{ number }}</span>
  </td>
  <td class="qr">
    <img src="{{ qr_code }}" alt="QR"><br>
    Проверка подлинности: {{ verify_url }}
  </td>
</tr></table></div>
"""


def _page(accent: str, content: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"ru\"><head><meta charset=\"utf-8\"><title>{{ kind_title }} № {{ number }}"
        "</title>\n<style>" + _STYLE.replace("{{ accent }}", accent) + "</style></head>\n<body><div class=\"sheet\">"
        "<div class=\"frame\"><div class=\"corner tl\"></div><div class=\"corner tr\"></div>"
        "<div class=\"corner bl\"></div><div class=\"corner br\"></div>\n"
        "<div class=\"issuer\">Управление образования · Муниципальный методический центр<br>{{ municipality }}</div>\n"
        + content
        + "{% if revoked %}<div class=\"revoked\">ОТОЗВАН</div>{% endif %}\n"
        + _FOOTER
        + "</div></div></body></html>\n"
    )


CERTIFICATE = _page(
    "#1d4e89",
    """
<h1>{{ kind_title|upper }}</h1>
<p class="text">настоящим подтверждается, что</p>
<p class="name">{{ holder_name }}</p>
{% if line %}<p class="line">{{ line }}</p>{% endif %}
<p class="text">принял(а) участие в мероприятии<br><span class="event">«{{ event_title }}»</span><br>
{{ event_date|date:"d.m.Y" }}{% if hours %}, в объёме {{ hours }} ч.{% endif %}</p>
""",
)

DIPLOMA = _page(
    "#8a5a00",
    """
<h1>{{ kind_title|upper }}</h1>
<p class="text">награждается</p>
<p class="name">{{ holder_name }}</p>
{% if line %}<p class="line">{{ line }}</p>{% endif %}
<p class="text"><span class="event">«{{ event_title }}»</span><br>
{{ event_date|date:"d.m.Y" }}{% if hours %}, {{ hours }} ч.{% endif %}</p>
""",
)

DEFAULT_BODIES = {
    "certificate": CERTIFICATE,
    "participation": CERTIFICATE,
    "diploma": DIPLOMA,
}
