#!/usr/bin/env python3
"""Builds the reference documents of the letter and the memo (docs/brief.md §1).

pandoc --reference-doc takes its styles, page size, headers and footers from a
reference document. This script makes four of them from pandoc's own default
reference.docx and reference.odt (`pandoc --print-default-data-file`), changed
into a sober government layout: Verdana 9.5 pt, black headings aligned left, no
theme colours, A4 with 2.5 cm margins, "Pagina n" in the footer, Dutch as the
language; the "-synthetisch" variants also say the banner of synthetic data in
the header of every page. The zip entries get a fixed time, so the same pandoc
gives the same bytes. CMake runs it when it configures (CMakeLists.txt) and
compiles the results into the program; nothing binary is kept in the repository.

usage: reference_docs.py OUTDIR BANNER
"""
import re
import subprocess
import sys
import zipfile
from pathlib import Path

FONT = "Verdana"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def default(name):
    return subprocess.run(["pandoc", "--print-default-data-file", name], check=True, capture_output=True).stdout


def write_zip(path, entries):
    """entries: list of (name, bytes, stored) in order; a stored entry is not compressed."""
    with zipfile.ZipFile(path, "w") as z:
        for name, data, stored in entries:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)


def xml_text(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def docx(banner):
    src = zipfile.ZipFile(__import__("io").BytesIO(default("reference.docx")))
    parts = {n: src.read(n) for n in src.namelist()}
    styles = parts["word/styles.xml"].decode()
    styles = re.sub(r"<w:rFonts [^>]*/>", f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}" />', styles)
    styles = re.sub(r"<w:color [^>]*/>", '<w:color w:val="000000" />', styles)
    styles = styles.replace('<w:jc w:val="center" />', '<w:jc w:val="left" />')
    styles = styles.replace('<w:sz w:val="24" />\n        <w:szCs w:val="24" />', '<w:sz w:val="19" />\n        <w:szCs w:val="19" />')
    styles = styles.replace('w:val="en-US" w:eastAsia="en-US"', 'w:val="nl-NL" w:eastAsia="nl-NL"')
    parts["word/styles.xml"] = styles.encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    types = parts["[Content_Types].xml"].decode()
    refs = ""
    hf = "application/vnd.openxmlformats-officedocument.wordprocessingml."
    footer = (f'<?xml version="1.0" encoding="UTF-8"?>\n<w:ftr {W}><w:p><w:pPr><w:jc w:val="right" /></w:pPr>'
              '<w:r><w:rPr><w:sz w:val="16" /></w:rPr><w:t xml:space="preserve">Pagina </w:t></w:r>'
              '<w:fldSimple w:instr="PAGE"><w:r><w:rPr><w:sz w:val="16" /></w:rPr><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>')
    parts["word/footer1.xml"] = footer.encode()
    rels = rels.replace("</Relationships>", '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                        'relationships/footer" Id="rIdFooter1" Target="footer1.xml" /></Relationships>')
    types = types.replace("</Types>", f'<Override PartName="/word/footer1.xml" ContentType="{hf}footer+xml" /></Types>')
    refs += '<w:footerReference w:type="default" r:id="rIdFooter1" />'
    if banner:
        header = (f'<?xml version="1.0" encoding="UTF-8"?>\n<w:hdr {W}><w:p><w:pPr><w:jc w:val="center" /></w:pPr>'
                  f'<w:r><w:rPr><w:b /><w:sz w:val="16" /></w:rPr><w:t>{xml_text(banner)}</w:t></w:r></w:p></w:hdr>')
        parts["word/header1.xml"] = header.encode()
        rels = rels.replace("</Relationships>", '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                            'relationships/header" Id="rIdHeader1" Target="header1.xml" /></Relationships>')
        types = types.replace("</Types>", f'<Override PartName="/word/header1.xml" ContentType="{hf}header+xml" /></Types>')
        refs = '<w:headerReference w:type="default" r:id="rIdHeader1" />' + refs
    parts["word/_rels/document.xml.rels"] = rels.encode()
    parts["[Content_Types].xml"] = types.encode()
    document = parts["word/document.xml"].decode()
    sect = (f'<w:sectPr>{refs}<w:pgSz w:w="11906" w:h="16838" />'
            '<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="709" w:footer="709" w:gutter="0" />'
            '</w:sectPr>')
    assert "<w:sectPr />" in document, "pandoc's reference.docx has no empty <w:sectPr />"
    document = document.replace("<w:sectPr />", sect)
    parts["word/document.xml"] = document.encode()
    order = src.namelist() + [n for n in ("word/header1.xml", "word/footer1.xml") if n in parts and n not in src.namelist()]
    return [(n, parts[n], False) for n in order]


def odt(banner):
    src = zipfile.ZipFile(__import__("io").BytesIO(default("reference.odt")))
    parts = {n: src.read(n) for n in src.namelist()}
    styles = parts["styles.xml"].decode()
    styles = styles.replace("<office:font-face-decls>",
                            f'<office:font-face-decls><style:font-face style:name="{FONT}" svg:font-family="{FONT}" '
                            'style:font-family-generic="swiss" style:font-pitch="variable" />', 1)
    styles = re.sub(r'style:font-name="[^"]*"', f'style:font-name="{FONT}"', styles)
    styles = re.sub(r'fo:font-family="[^"]*"', f'fo:font-family="{FONT}"', styles)
    styles = re.sub(r'fo:color="[^"]*"', 'fo:color="#000000"', styles)
    styles = re.sub(r'fo:text-align="center"', 'fo:text-align="start"', styles)
    styles = styles.replace('fo:page-width="8.5in"\n      fo:page-height="11in"', 'fo:page-width="21cm"\n      fo:page-height="29.7cm"')
    styles = re.sub(r'fo:margin-(top|bottom|left|right)="1in"', r'fo:margin-\1="2.5cm"', styles)
    styles = re.sub(r'fo:language="[^"]*"', 'fo:language="nl"', styles)
    styles = re.sub(r'fo:country="[^"]*"', 'fo:country="NL"', styles)
    if banner:
        styles = styles.replace('style:page-layout-name="Mpm1">\n      <style:footer>',
                                f'style:page-layout-name="Mpm1">\n      <style:header><text:p text:style-name="MP1">'
                                f'{xml_text(banner)}</text:p></style:header>\n      <style:footer>', 1)
    parts["styles.xml"] = styles.encode()
    order = ["mimetype"] + [n for n in src.namelist() if n != "mimetype"]
    return [(n, parts[n], n == "mimetype") for n in order]


def main():
    out, banner = Path(sys.argv[1]), sys.argv[2]
    out.mkdir(parents=True, exist_ok=True)
    write_zip(out / "reference.docx", docx(""))
    write_zip(out / "reference-synthetisch.docx", docx(banner))
    write_zip(out / "reference.odt", odt(""))
    write_zip(out / "reference-synthetisch.odt", odt(banner))


if __name__ == "__main__":
    main()
