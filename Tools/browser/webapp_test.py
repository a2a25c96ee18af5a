#!/usr/bin/env python3
"""Browser tests of the city's web app, in Debian's Chromium driven by selenium, against the real
simpegd (the sample Kota Salatiga of this year) and the real simpeg-web, on free loopback ports.

The story of one working day in the Dinas Kependudukan dan Pencatatan Sipil, the sample's
showcase unit: a staff member logs an activity on a phone with a photo as evidence; their
supervisor's open inbox shows it without a reload and the supervisor approves it; the unit's head
sets the unit's predikat organisasi, the supervisor rates the staff member for the year, the head
finalises the unit's ratings against the curve and the staff member acknowledges the result; the
head's dashboard shows the first quarter's distribution; the SKP form prints to PDF; a citizen
checks a request and answers the satisfaction survey without logging in.

Each test prints what it measured; a failing test saves a screenshot of every open window (and
their consoles) in the output folder and the run goes on with the tests that do not need it.
Page weights are checked (each page under 300 KB uncompressed, scripts included); paint times are
printed, never asserted.

Usage: webapp_test.py --bin .build/debug [--out DIR] [--screenshots DIR]
"""

import argparse
import base64
import json
from decimal import ROUND_HALF_UP, Decimal
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse
import urllib.request
import zlib
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import DESKTOP, PHONE, Browser, until  # noqa: E402
from city import INITIAL_PASSWORD, PASSWORD, ROOT, WIB, City, RpcError, StatusCode  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

SHOWCASE = "Dinas Kependudukan dan Pencatatan Sipil"
WEIGHT_LIMIT = 300 * 1024

TESTS = []


def test(function):
    """Registers a test; they run in the order written, sharing one city."""
    TESTS.append(function)
    return function


class Run:
    """What the tests share: the city, the cast, the open windows, measurements."""

    def __init__(self, city, out, screenshots):
        self.city = city
        self.out = out
        self.screenshots = screenshots
        self.windows = {}
        self.weights = []
        self.state = {}

    def window(self, who, size=DESKTOP):
        if who not in self.windows:
            self.windows[who] = Browser(who, self.city.url, size)
        return self.windows[who]

    def measure(self, window, page):
        """Records the weight and paint times of the page `window` shows. The weight is read
        over HTTP, file by file (a browser's cached copy reports no size): the document and the
        styles, scripts and images it loaded, uncompressed, not its data calls."""
        window.wait(lambda d: d.execute_script("return document.readyState") == "complete", what="the page loaded")
        metrics = window.metrics()
        weight = 0
        for url in metrics["files"]:
            with urllib.request.urlopen(url, timeout=30) as answer:
                weight += len(answer.read())
        metrics["weight"] = weight
        metrics["unlabelled"] = window.unlabelled_controls()
        metrics["foreign"] = window.foreign_resources()
        self.weights.append((page, metrics))
        return metrics

    def picture(self, window, name, css=None):
        """A README screenshot, when asked for: what the window shows from the top of the page,
        or from the element `css`; desktop ones at 60%."""
        if self.screenshots:
            if css:
                window.js("document.querySelector(arguments[0]).scrollIntoView({block: 'start'})", css)
            else:
                window.js("window.scrollTo(0, 0)")
            window.picture(self.screenshots / f"{name}.png", scale=1.0 if window.size == PHONE else 0.6)


# MARK: The cast

def find_cast(city):
    """The showcase unit, its head (K), a staff member (S) and S's evaluator (E), each with an
    account; S's password is still the initial one, so S's first login goes through the forced
    change."""
    tree = city.rpc("OrgService/GetUnitTree", {})["nodes"]
    unit = next(n["unit"] for n in tree if n["unit"]["name"] == SHOWCASE)
    head = city.rpc("OrgService/GetPosition", {"positionId": unit["headPositionId"]})
    head_id = head["holderEmployeeId"]
    people = city.rpc(
        "EmployeeService/SearchEmployees", {"unitId": unit["id"], "includeSubunits": True, "page": {"pageSize": 500}}
    )["employees"]
    evaluators = set()
    skps = {}
    for person in people:
        try:
            skp = city.rpc("PlanService/GetSKP", {"ownerYear": {"employeeId": person["id"], "year": city.year}})
        except Exception:
            continue
        skps[person["id"]] = skp
        evaluators.add(skp.get("evaluator", {}).get("employeeId"))
    for person in people:
        skp = skps.get(person["id"])
        evaluator = (skp or {}).get("evaluator", {}).get("employeeId")
        if skp and skp["status"] == "SKP_STATUS_APPROVED" and evaluator not in (None, "0", head_id) \
                and person["id"] not in evaluators and skp["content"]["rhks"]:
            staff, supervisor = person, city.employee(evaluator)
            break
    else:
        raise AssertionError("the showcase unit has no staff member evaluated below its head")
    head_person = city.employee(head_id)
    city.account(staff, change_password=False)
    city.account(supervisor)
    city.account(head_person)
    return {"unit": unit, "staff": staff, "supervisor": supervisor, "head": head_person, "skp": skps[staff["id"]]}


def png(width=320, height=200):
    """A small PNG (a blue and white pattern), as a phone photo stand-in."""
    rows = b"".join(
        b"\x00" + b"".join(bytes((11, 79, 138) if (x // 20 + y // 20) % 2 else (250, 250, 250)) for x in range(width))
        for y in range(height)
    )
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


# MARK: Tests

@test
def the_supervisors_inbox_is_open_and_live(run):
    cast = run.state["cast"]
    e = run.window("atasan", DESKTOP)
    e.log_in(cast["supervisor"]["nip"], PASSWORD)
    e.open("/kotak-masuk.html")
    e.wait(lambda d: d.find_element(By.ID, "status-langsung").get_attribute("data-keadaan") == "langsung",
           what="the inbox going live")
    e.wait(lambda d: "Memuat" not in d.find_element(By.ID, "kosong-kegiatan").text, what="the pending list read")
    run.measure(e, "kotak-masuk.html")
    # A mark that a reload would wipe.
    e.js("window.tandaTanpaMuatUlang = 'tetap';")
    run.state["inbox_before"] = set(
        el.get_attribute("data-kegiatan") for el in e.driver.find_elements(By.CSS_SELECTOR, "#daftar-tinjauan > li"))


@test
def an_employee_on_a_phone_logs_an_activity_with_a_photo_and_sees_it_pending(run):
    cast = run.state["cast"]
    s = run.window("pegawai", PHONE)
    s.log_in(cast["staff"]["nip"], INITIAL_PASSWORD, new_password=PASSWORD)
    s.wait_path("/hari-ini.html")
    assert s.js("return window.innerWidth") == PHONE[0], f"the page is {s.js('return window.innerWidth')} pixels wide"
    s.find("#rhk option")
    run.measure(s, "hari-ini.html")
    photo = run.out / "foto-bukti.png"
    photo.write_bytes(png())
    description = f"Verifikasi berkas KTP-el loket 2 ({int(time.time())})"
    run.state["description"] = description
    s.type("#uraian", description)
    s.type("#jumlah", "3")
    s.driver.find_element(By.ID, "berkas").send_keys(str(photo))
    s.find_text("#bukti-terpilih", "foto-bukti.png")
    s.click("#form-kegiatan button[type=submit]")
    s.find_text("#kabar-kegiatan", "menunggu tinjauan")
    card = s.find_text("#daftar-kegiatan > li", description)
    assert card.get_attribute("data-status") == "ACTIVITY_STATUS_PENDING", card.text
    assert "Menunggu tinjauan" in card.text and "foto-bukti.png" in card.text, card.text
    run.state["activity"] = card.get_attribute("data-kegiatan")
    run.picture(s, "hari-ini")


@test
def the_supervisors_open_inbox_shows_it_without_reload_and_approves_it(run):
    e = run.windows["atasan"]
    activity = run.state["activity"]
    started = time.monotonic()
    card = e.find(f'#daftar-tinjauan > li[data-kegiatan="{activity}"]', timeout=15)
    print(f"  the inbox showed the new activity {time.monotonic() - started:.1f} s after it was logged")
    assert e.js("return window.tandaTanpaMuatUlang") == "tetap", "the inbox page was reloaded"
    assert run.state["description"] in card.text
    card.find_element(By.XPATH, ".//button[normalize-space()='Lihat bukti']").click()
    e.wait(lambda d: card.find_element(By.CSS_SELECTOR, "img.bukti-gambar").get_attribute("naturalWidth") == "320",
           what="the evidence photo shown")
    run.picture(e, "kotak-masuk", f'#daftar-tinjauan > li[data-kegiatan="{activity}"]')
    card.find_element(By.CSS_SELECTOR, "button.setujui").click()
    e.wait(lambda d: not d.find_elements(By.CSS_SELECTOR, f'#daftar-tinjauan > li[data-kegiatan="{activity}"]'),
           what="the approved activity leaving the inbox")
    e.find_text("#kabar-halaman", "disetujui")


@test
def the_supervisor_approves_several_activities_at_once(run):
    e = run.windows["atasan"]
    cards = e.driver.find_elements(By.CSS_SELECTOR, "#daftar-tinjauan > li")[:3]
    chosen = [c.get_attribute("data-kegiatan") for c in cards]
    assert len(chosen) >= 2, "the sample left too few activities pending for this supervisor"
    for card in cards:
        card.find_element(By.CSS_SELECTOR, "input.pilih-kegiatan").click()
    e.find_text("#jumlah-terpilih", f"{len(chosen)} dipilih")
    e.click("#setujui-terpilih")
    e.find_text("#kabar-halaman", f"{len(chosen)} kegiatan disetujui")
    e.wait(lambda d: not any(d.find_elements(By.CSS_SELECTOR, f'#daftar-tinjauan > li[data-kegiatan="{a}"]') for a in chosen),
           what="the approved activities leaving the inbox")
    for activity in chosen:
        assert run.city.rpc("ActivityService/GetActivity", {"activityId": activity})["status"] == "ACTIVITY_STATUS_APPROVED"


@test
def the_employees_page_shows_the_activity_approved(run):
    s = run.windows["pegawai"]
    activity = run.state["activity"]
    s.wait(
        lambda d: d.find_element(By.CSS_SELECTOR, f'#daftar-kegiatan > li[data-kegiatan="{activity}"]')
        .get_attribute("data-status") == "ACTIVITY_STATUS_APPROVED",
        timeout=30, what="the activity shown approved",
    )
    card = s.find(f'#daftar-kegiatan > li[data-kegiatan="{activity}"]')
    assert "Disetujui" in card.text, card.text


def log_pending_activity(run, description):
    """A pending activity of the staff member, logged over the API toward the SKP's first RHK."""
    cast = run.state["cast"]
    city = run.city
    today = datetime.now(WIB)
    return city.rpc("ActivityService/LogActivity", {
        "skpId": cast["skp"]["id"], "rhkId": cast["skp"]["content"]["rhks"][0]["id"],
        "date": {"year": today.year, "month": today.month, "day": today.day},
        "startMinute": 7 * 60, "endMinute": 8 * 60, "description": description, "outputQuantity": "2",
    }, token=city.token_of(cast["staff"]))


@test
def an_employee_edits_then_withdraws_a_pending_activity_and_the_reviewers_inbox_drops_it(run):
    e = run.windows["atasan"]
    e.open("/kotak-masuk.html")
    e.wait(lambda d: d.find_element(By.ID, "status-langsung").get_attribute("data-keadaan") == "langsung",
           what="the inbox going live")
    e.js("window.tandaTanpaMuatUlang = 'tetap';")
    s = run.windows["pegawai"]
    s.open("/hari-ini.html")
    s.find("#rhk option")
    description = f"Entri data kartu keluarga ({int(time.time())})"
    s.type("#uraian", description)
    s.type("#jumlah", "4")
    s.click("#form-kegiatan button[type=submit]")
    card = s.find_text("#daftar-kegiatan > li", description)
    activity = card.get_attribute("data-kegiatan")
    selector = f'#daftar-tinjauan > li[data-kegiatan="{activity}"]'
    e.find_text(selector, description, timeout=15)
    # The employee corrects the description before the review; the reviewer's card follows.
    mine = f'#daftar-kegiatan > li[data-kegiatan="{activity}"]'
    s.click(f"{mine} button.ubah")
    edited = description.replace("Entri data", "Verifikasi dan entri data")
    s.type(f"#ubah-uraian-{activity}", edited)
    s.click(f"{mine} button.simpan-ubah")
    s.find_text("#kabar-halaman", "Perubahan kegiatan tersimpan")
    s.wait(lambda d: d.find_element(By.CSS_SELECTOR, mine).get_attribute("data-revisi") == "2", what="the card at revision 2")
    e.find_text(selector, edited, timeout=15)
    s.click(f"{mine} details.riwayat summary")
    versions = s.wait(lambda d: d.find_elements(By.CSS_SELECTOR, f"{mine} .daftar-versi > li"), what="the versions listed")
    assert len(versions) == 2 and description in versions[0].text and edited in versions[1].text, [v.text for v in versions]
    run.picture(s, "hari-ini-ubah", mine)
    # Then withdraws it: it leaves the reviewer's inbox.
    s.click(f"{mine} button.tarik")
    s.type(f"#alasan-tarik-{activity}", "Tercatat dua kali")
    s.click(f"{mine} button.tarik-pasti")
    s.find_text("#kabar-halaman", "Kegiatan ditarik")
    s.wait(lambda d: d.find_element(By.CSS_SELECTOR, mine).get_attribute("data-status") == "ACTIVITY_STATUS_WITHDRAWN",
           what="the card shown withdrawn")
    e.wait(lambda d: not d.find_elements(By.CSS_SELECTOR, selector), timeout=15, what="the withdrawn activity leaving the inbox")
    assert e.js("return window.tandaTanpaMuatUlang") == "tetap", "the inbox page was reloaded"
    run.measure(s, "hari-ini.html (ubah)")


@test
def an_edit_of_an_activity_changed_meanwhile_is_refused_and_the_page_shows_the_latest(run):
    cast = run.state["cast"]
    city = run.city
    logged = log_pending_activity(run, f"Rekap harian loket ({int(time.time())})")
    s = run.windows["pegawai"]
    s.open("/hari-ini.html")
    mine = f'#daftar-kegiatan > li[data-kegiatan="{logged["id"]}"]'
    s.click(f"{mine} button.ubah")
    s.type(f"#ubah-uraian-{logged['id']}", "Rekap harian loket, versi dari telepon")
    # Meanwhile the same activity is changed elsewhere (another device).
    elsewhere = "Rekap harian loket, versi dari komputer kantor"
    content = {k: logged[k] for k in ("skpId", "rhkId", "date", "startMinute", "endMinute", "outputQuantity")}
    city.rpc("ActivityService/EditActivity", {
        "activityId": logged["id"], "revision": 1, "content": {**content, "description": elsewhere}},
        token=city.token_of(cast["staff"]))
    s.click(f"{mine} button.simpan-ubah")
    s.find_text(f"{mine} .kabar-kartu", "sudah berubah sejak Anda membukanya")
    card = s.find(mine)
    assert card.get_attribute("data-revisi") == "2" and elsewhere in card.text, card.text
    city.rpc("ActivityService/WithdrawActivity", {"activityId": logged["id"], "revision": 2}, token=city.token_of(cast["staff"]))


@test
def a_returned_activity_is_corrected_and_resubmitted_and_reaches_the_inbox_again(run):
    cast = run.state["cast"]
    city = run.city
    logged = log_pending_activity(run, f"Arsip berkas pindah datang ({int(time.time())})")
    city.rpc("ActivityService/ReviewActivity", {
        "activityId": logged["id"], "decision": "REVIEW_DECISION_REJECT", "note": "Sebutkan jumlah berkas yang diarsip."},
        token=city.token_of(cast["supervisor"]))
    e = run.windows["atasan"]
    e.open("/kotak-masuk.html")
    e.wait(lambda d: d.find_element(By.ID, "status-langsung").get_attribute("data-keadaan") == "langsung",
           what="the inbox going live")
    s = run.windows["pegawai"]
    s.open("/hari-ini.html")
    mine = f'#daftar-kegiatan > li[data-kegiatan="{logged["id"]}"]'
    s.find_text(mine, "Sebutkan jumlah berkas")
    s.click(f"{mine} button.ubah")
    corrected = f"Mengarsip 14 berkas pindah datang ({int(time.time())})"
    s.type(f"#ubah-uraian-{logged['id']}", corrected)
    s.type(f"#ubah-jumlah-{logged['id']}", "14")
    s.click(f"{mine} button.simpan-ubah")
    s.find_text("#kabar-halaman", "diajukan ulang")
    s.wait(lambda d: d.find_element(By.CSS_SELECTOR, mine).get_attribute("data-status") == "ACTIVITY_STATUS_PENDING",
           what="the card pending again")
    e.find_text(f'#daftar-tinjauan > li[data-kegiatan="{logged["id"]}"]', corrected, timeout=15)
    city.rpc("ActivityService/WithdrawActivity", {"activityId": logged["id"], "revision": 3}, token=city.token_of(cast["staff"]))


@test
def the_open_inbox_resumes_after_its_stream_is_cut_and_misses_nothing(run):
    city = run.city
    e = run.windows["atasan"]
    e.open("/kotak-masuk.html")
    e.wait(lambda d: d.find_element(By.ID, "status-langsung").get_attribute("data-keadaan") == "langsung",
           what="the inbox going live")
    e.js("window.tandaTanpaMuatUlang = 'tetap';")
    # The gateway is replaced (a drain closes the event streams); while none serves, an activity
    # is logged on simpegd's own protocol.
    city.stop_web()
    logged = log_pending_activity(run, f"Dicatat saat gerbang berganti ({int(time.time())})")
    city.start_web()
    started = time.monotonic()
    e.find(f'#daftar-tinjauan > li[data-kegiatan="{logged["id"]}"]', timeout=30)
    print(f"  the inbox showed the activity {time.monotonic() - started:.1f} s after the gateway was back")
    assert e.js("return window.tandaTanpaMuatUlang") == "tetap", "the inbox page was reloaded"
    e.wait(lambda d: d.find_element(By.ID, "status-langsung").get_attribute("data-keadaan") == "langsung",
           what="the inbox live again")
    city.rpc("ActivityService/WithdrawActivity", {"activityId": logged["id"], "revision": 1},
             token=city.token_of(run.state["cast"]["staff"]))
    e.wait(lambda d: not d.find_elements(By.CSS_SELECTOR, f'#daftar-tinjauan > li[data-kegiatan="{logged["id"]}"]'),
           timeout=15, what="the withdrawn activity leaving the inbox")


@test
def bkpsdm_enters_the_predikat_organisasi_and_the_head_sees_the_curve(run):
    # The predikat kinerja organisasi of a perangkat daerah is set by the leader of the unit above,
    # the Wali Kota, an elected official without an account, so BKPSDM enters it for the Wali Kota
    # (README, the yearly cycle). The unit's head then sees the curve it sets.
    cast = run.state["cast"]
    city = run.city
    unit = cast["unit"]["id"]
    city.rpc("EvaluationService/SetOrganisationPredikat", {
        "unitId": unit, "period": {"year": city.year, "kind": "EVALUATION_PERIOD_KIND_TAHUNAN", "number": 1},
        "predikat": "PREDIKAT_ORGANISASI_ISTIMEWA", "note": "Laporan kinerja perangkat daerah tahun berjalan",
    })
    k = run.window("pimpinan", DESKTOP)
    k.log_in(cast["head"]["nip"], PASSWORD)
    k.open("/penilaian.html")
    k.choose("#periode", value="EVALUATION_PERIOD_KIND_TAHUNAN:1")
    k.find('#daftar-distribusi[data-periode="EVALUATION_PERIOD_KIND_TAHUNAN:1"]')
    k.find(f'section[data-unit="{unit}"] .panel-distribusi')


@test
def the_supervisor_rates_the_employee_for_the_year_with_feedback(run):
    cast = run.state["cast"]
    e = run.windows["atasan"]
    e.open("/penilaian.html")
    e.choose("#periode", value="EVALUATION_PERIOD_KIND_TAHUNAN:1")
    e.find('#daftar-pegawai[data-periode="EVALUATION_PERIOD_KIND_TAHUNAN:1"]')
    staff = cast["staff"]["id"]
    card = e.find(f'#daftar-pegawai > li[data-pegawai="{staff}"]')
    card.find_element(By.CSS_SELECTOR, "button.nilai").click()
    e.find("#bagian-nilai")
    e.click('#pilihan-hasil input[value="RATING_SESUAI_EKSPEKTASI"]')
    e.click('#pilihan-perilaku input[value="RATING_DI_ATAS_EKSPEKTASI"]')
    e.find_text("#pratinjau-predikat", "Baik")
    run.measure(e, "penilaian.html")
    e.type("#catatan-hasil", "Target layanan KTP-el tercapai sepanjang tahun.")
    e.type("#umpan-BERAKHLAK_BERORIENTASI_PELAYANAN", "Ramah dan cekatan melayani warga di loket.")
    e.type("#umpan-BERAKHLAK_KOLABORATIF", "Aktif membantu rekan di seksi lain saat antrean panjang.")
    run.picture(e, "penilaian", "#bagian-nilai")
    e.click("#form-nilai button[type=submit]")
    e.find_text("#kabar-halaman", "tersimpan")
    card = e.find(f'#daftar-pegawai > li[data-pegawai="{staff}"]')
    e.wait(lambda d: "Sudah dinilai" in d.find_element(By.CSS_SELECTOR, f'#daftar-pegawai > li[data-pegawai="{staff}"]').text,
           what="the card showing the rating")


@test
def the_head_sees_the_curve_and_finalises_the_units_ratings(run):
    cast = run.state["cast"]
    city = run.city
    unit = cast["unit"]["id"]
    year = {"year": city.year, "kind": "EVALUATION_PERIOD_KIND_TAHUNAN", "number": 1}
    head_token = city.token_of(cast["head"])
    # Everyone else of the unit is rated Baik over the API (the story is about one rating, the
    # unit has dozens): by the head where simpegd lets a supervisor higher up rate, else by the
    # person's own evaluator.
    unrated = city.rpc("EvaluationService/CheckDistribution", {"unitId": unit, "period": year}, token=head_token)
    for employee_id in unrated.get("unratedEmployeeIds", []):
        rating = {
            "employeeId": employee_id, "period": year,
            "hasilKerja": "RATING_SESUAI_EKSPEKTASI", "perilaku": "RATING_SESUAI_EKSPEKTASI",
        }
        try:
            city.rpc("EvaluationService/RateEmployee", rating, token=head_token)
            continue
        except RpcError as error:
            if error.code != StatusCode.PERMISSION_DENIED:
                raise
        skp = city.rpc("PlanService/GetSKP", {"ownerYear": {"employeeId": employee_id, "year": city.year}})
        evaluator = skp.get("evaluator", {}).get("employeeId", "0")
        if evaluator == "0":
            token = city.admin
        else:
            person = city.employee(evaluator)
            if person["nip"] not in city.tokens:
                city.account(person, change_password=False, session=True)
            token = city.token_of(person)
        city.rpc("EvaluationService/RateEmployee", rating, token=token)
    k = run.windows["pimpinan"]
    k.open("/penilaian.html")
    k.choose("#periode", value="EVALUATION_PERIOD_KIND_TAHUNAN:1")
    k.find('#daftar-distribusi[data-periode="EVALUATION_PERIOD_KIND_TAHUNAN:1"]')
    panel = k.find(f'section[data-unit="{unit}"] .panel-distribusi')
    assert panel.get_attribute("data-sesuai") == "true", panel.text
    k.click(f'section[data-unit="{unit}"] form.form-final button[type=submit]')
    k.find_text("#kabar-halaman", "difinalkan")
    k.find_text(f'section[data-unit="{unit}"]', "sudah final")


@test
def the_employee_acknowledges_the_final_rating(run):
    s = run.windows["pegawai"]
    s.open("/evaluasi.html")
    card = s.find('#daftar-tahun li[data-status="EVALUATION_STATUS_FINALISED"]')
    assert "Tahunan" in card.text and "Baik" in card.text, card.text
    evaluation = card.get_attribute("data-evaluasi")
    run.measure(s, "evaluasi.html")
    card.find_element(By.CSS_SELECTOR, "form.form-terima textarea").send_keys("Terima kasih atas umpan baliknya.")
    card.find_element(By.CSS_SELECTOR, "button.terima").click()
    s.find_text("#kabar-halaman", "sudah Anda terima")
    card = s.find(f'#daftar-tahun li[data-evaluasi="{evaluation}"]')
    assert card.get_attribute("data-status") == "EVALUATION_STATUS_ACKNOWLEDGED", card.text
    run.picture(s, "evaluasi", f'#daftar-tahun li[data-evaluasi="{evaluation}"]')


@test
def the_leaders_dashboard_shows_the_units_distribution_with_the_right_counts(run):
    cast = run.state["cast"]
    city = run.city
    unit = cast["unit"]["id"]
    quarter = {"year": city.year, "kind": "EVALUATION_PERIOD_KIND_TRIWULAN", "number": 1}
    report = city.rpc("EvaluationService/GetUnitReport", {"unitId": unit, "period": quarter})
    expected = report["distribution"]["counts"]
    k = run.windows["pimpinan"]
    k.open("/dasbor.html")
    k.choose("#unit", value=unit)
    k.choose("#periode", value=f"EVALUATION_PERIOD_KIND_TRIWULAN:1:{city.year}")
    k.wait(lambda d: d.find_element(By.ID, "grafik-distribusi").get_attribute("data-periode") == "EVALUATION_PERIOD_KIND_TRIWULAN:1",
           what="the first quarter's chart")
    # Read in one go; a chart drawn again meanwhile is read again.
    bars = k.wait(lambda d: {
        b.get_attribute("data-kunci"): int(b.get_attribute("data-jumlah"))
        for b in d.find_elements(By.CSS_SELECTOR, "#grafik-distribusi svg g.batang")
    }, what="the chart's bars")
    keys = {"PREDIKAT_SANGAT_BAIK": "sangatBaik", "PREDIKAT_BAIK": "baik", "PREDIKAT_BUTUH_PERBAIKAN": "butuhPerbaikan",
            "PREDIKAT_KURANG": "kurang", "PREDIKAT_SANGAT_KURANG": "sangatKurang"}
    for code, key in keys.items():
        assert bars.get(code) == int(expected.get(key, 0)), f"{code}: chart {bars.get(code)}, report {expected.get(key, 0)}"
    assert sum(bars.values()) > 0
    print(f"  chart counts {bars}")
    k.find("#distribusi-subunit table")
    run.measure(k, "dasbor.html")
    run.picture(k, "dasbor")


@test
def the_head_records_a_dialogue_and_the_employee_sees_the_follow_up(run):
    cast = run.state["cast"]
    staff = cast["staff"]["id"]
    k = run.windows["pimpinan"]
    k.click("#bagian-catat-dialog summary")
    k.find(f'#peserta-dialog input[value="{staff}"]')
    k.type("#agenda-dialog", "Dialog kinerja akhir tahun")
    k.type("#catatan-dialog", "Antrean perekaman KTP-el menurun; jemput bola diteruskan.")
    k.click(f'#peserta-dialog input[value="{staff}"]')
    k.click("#tambah-tindak-lanjut")
    k.choose(".tl-pegawai", value=staff)
    action = "Menyusun jadwal jemput bola triwulan depan"
    k.type(".tl-aksi", action)
    due = f"{run.city.year + 1}-01-15"
    k.js("document.querySelector('.tl-tenggat').value = arguments[0]", due)
    k.click("#form-dialog button[type=submit]")
    k.find_text("#kabar-halaman", "Dialog kinerja tersimpan")
    k.find_text("#daftar-dialog", "Dialog kinerja akhir tahun")
    s = run.windows["pegawai"]
    s.open("/umpan-balik.html")
    item = s.find_text("#daftar-tindak-lanjut li", action)
    assert "Belum terpenuhi" in item.text and "15 Januari" in item.text, item.text


@test
def the_skp_form_prints_to_a_pdf_with_the_employees_nip_name_and_rhk(run):
    cast = run.state["cast"]
    skp = cast["skp"]
    s = run.windows["pegawai"]
    s.open(f"/cetak/skp.html?id={skp['id']}")
    s.find("#dokumen[data-siap='true']")
    run.measure(s, "cetak/skp.html")
    pdf = run.out / "skp.pdf"
    s.pdf(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    staff = cast["staff"]
    assert staff["nip"] in flat, "the NIP is not in the PDF"
    assert staff["name"] in flat, "the name is not in the PDF"
    # The PPK's NIP, from the SKP's evaluator entry: the employee may not read the PPK's record.
    assert cast["supervisor"]["nip"] in flat, "the evaluator's NIP is not in the PDF"
    for rhk in skp["content"]["rhks"]:
        words = " ".join(rhk["text"].split())
        assert words in flat, f"the RHK '{words}' is not in the PDF"
    # The supervisor's RHK each one supports, which the employee reads from the evaluator's SKP.
    above = run.city.rpc("PlanService/GetSKP", {"ownerYear": {"employeeId": cast["supervisor"]["id"], "year": run.city.year}})
    parents = {r["id"]: " ".join(r["text"].split()) for r in above["content"]["rhks"]}
    supported = [parents[r["parentRhkId"]] for r in skp["content"]["rhks"] if r.get("parentRhkId") in parents]
    assert supported, "the staff member's RHKs support none of the supervisor's"
    for words in supported:
        assert words in flat, f"the supervisor's RHK '{words}' is not in the PDF"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = re.search(r"Pages:\s+(\d+)", info)
    size = re.search(r"Page size:.*", info)
    print(f"  the PDF: {pages.group(1) if pages else '?'} page(s), {size.group(0) if size else ''}")
    run.picture(s, "cetak-skp")


@test
def the_supervisor_gives_feedback_and_the_employee_reads_it(run):
    cast = run.state["cast"]
    staff = cast["staff"]["id"]
    e = run.windows["atasan"]
    e.open("/penilaian.html")
    card = e.find(f'#daftar-pegawai > li[data-pegawai="{staff}"]')
    card.find_element(By.CSS_SELECTOR, "details.umpan-balik summary").click()
    text = f"Laporan seksi bulan ini rapi dan tepat waktu ({int(time.time())})."
    card.find_element(By.CSS_SELECTOR, ".teks-umpan-balik").send_keys(text)
    card.find_element(By.CSS_SELECTOR, "form.form-umpan-balik button[type=submit]").click()
    e.wait(lambda d: "terkirim" in card.text, what="the feedback sent")
    s = run.windows["pegawai"]
    s.open("/umpan-balik.html")
    item = s.find_text("#daftar-umpan-balik li", text)
    first_rhk = cast["skp"]["content"]["rhks"][0]["text"]
    assert first_rhk in item.text, item.text
    run.measure(s, "umpan-balik.html")


def percent(basis_points):
    """Hundredths of a percent as the app writes them: at most one decimal, comma, '%'."""
    value = (Decimal(int(basis_points)) / 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    whole, _, tenth = f"{value:,.1f}".partition(".")
    return whole.replace(",", ".") + ("" if tenth == "0" else "," + tenth) + "%"


@test
def the_employee_sees_the_realisation_of_each_rhk_as_simpegd_counts_it(run):
    cast = run.state["cast"]
    realisation = run.city.rpc("ActivityService/GetRealisation", {"skpId": cast["skp"]["id"]})
    s = run.windows["pegawai"]
    s.open("/realisasi.html")
    for rhk in realisation["rhks"]:
        card = s.find(f'#daftar-rhk > li[data-rhk="{rhk["rhkId"]}"]')
        if not rhk.get("notMeasured"):
            expected = percent(rhk.get("yearBasisPoints", 0))
            assert f"Capaian tahun ini: {expected}" in card.text, f"{expected} not in {card.text}"
    run.measure(s, "realisasi.html")


@test
def the_employee_revises_the_skp_and_the_supervisor_approves_it_from_the_inbox(run):
    cast = run.state["cast"]
    s = run.windows["pegawai"]
    s.open("/skp.html")
    s.find('#lencana-status[data-status="SKP_STATUS_APPROVED"]')
    run.measure(s, "skp.html")
    s.type("#alasan-revisi", "Tambahan tugas layanan jemput bola")
    s.click("#status-skp form button[type=submit]")
    s.find('#lencana-status[data-status="SKP_STATUS_DRAFT"]')
    # The editor offers the supervisor's RHKs by their text, read from the evaluator's SKP.
    above = run.city.rpc("PlanService/GetSKP", {"ownerYear": {"employeeId": cast["supervisor"]["id"], "year": run.city.year}})
    s.find_text(".blok-rhk .rhk-induk", above["content"]["rhks"][0]["text"])
    s.click("#tambah-rhk-tambahan")
    block = s.driver.find_elements(By.CSS_SELECTOR, ".blok-rhk")[-1]
    new_rhk = "Melaksanakan perekaman KTP-el jemput bola di kelurahan"
    block.find_element(By.CSS_SELECTOR, ".rhk-teks").send_keys(new_rhk)
    block.find_element(By.CSS_SELECTOR, ".iki-indikator").send_keys("Jumlah kegiatan jemput bola")
    block.find_element(By.CSS_SELECTOR, ".iki-target").send_keys("12")
    block.find_element(By.CSS_SELECTOR, ".iki-satuan").send_keys("kegiatan")
    s.click("#ajukan")
    s.find('#lencana-status[data-status="SKP_STATUS_SUBMITTED"]')
    e = run.windows["atasan"]
    e.open("/kotak-masuk.html")
    card = e.find(f'#daftar-skp > li[data-skp="{cast["skp"]["id"]}"]')
    assert new_rhk in card.get_attribute("textContent"), "the inbox does not show the revised content"
    card.find_element(By.XPATH, ".//button[normalize-space()='Setujui SKP']").click()
    e.find_text("#kabar-halaman", "disetujui")
    s.open("/skp.html")
    s.find('#lencana-status[data-status="SKP_STATUS_APPROVED"]')
    s.find_text("#isi-skp", new_rhk)
    s.find_text("#status-skp", "versi 2")


@test
def the_employee_submits_an_innovation_to_an_open_competition(run):
    cast = run.state["cast"]
    city = run.city
    competition = city.rpc("InnovationService/CreateCompetition", {
        "year": city.year, "name": f"Lomba Inovasi Pelayanan Publik {city.year}",
        "categories": ["Pelayanan Publik", "Tata Kelola"],
        "criteria": [{"name": "Kebaruan", "weight": 40}, {"name": "Kemanfaatan", "weight": 60}],
        "judges": [{"employeeId": cast["head"]["id"]}],
    })
    s = run.windows["pegawai"]
    s.open("/inovasi.html")
    s.choose("#lomba", value=competition["id"])
    title = "Antar KTP-el ke rumah warga lansia"
    s.type("#judul", title)
    s.type("#uraian", "Petugas mengantar KTP-el yang sudah jadi ke rumah warga lansia dan penyandang disabilitas.")
    s.type("#bukti-label", "video")
    s.type("#bukti-url", "https://salatiga.go.id/inovasi/antar-ktp")
    s.click("#form-inovasi button[type=submit]")
    s.find_text("#kabar-halaman", "sudah diajukan")
    s.find_text("#daftar-inovasi", title)
    run.measure(s, "inovasi.html")


def pdf_text(run, window, name):
    """The page `window` shows, printed to PDF by Chromium, as text with whitespace collapsed."""
    pdf = run.out / f"{name}.pdf"
    window.pdf(pdf)
    # In reading order (without -layout), so a table cell's lines stay together.
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


@test
def the_evaluation_document_prints_with_the_ratings_and_the_feedback(run):
    cast = run.state["cast"]
    year = {"year": run.city.year, "kind": "EVALUATION_PERIOD_KIND_TAHUNAN", "number": 1}
    evaluation = run.city.rpc("EvaluationService/GetEvaluation", {"employeePeriod": {"employeeId": cast["staff"]["id"], "period": year}})
    s = run.windows["pegawai"]
    s.open(f"/cetak/evaluasi.html?id={evaluation['id']}")
    s.find("#dokumen[data-siap='true']")
    run.measure(s, "cetak/evaluasi.html")
    text = pdf_text(run, s, "evaluasi")
    for expected in ("DOKUMEN EVALUASI KINERJA PEGAWAI", cast["staff"]["nip"], cast["staff"]["name"],
                     "SESUAI EKSPEKTASI", "DI ATAS EKSPEKTASI", "Predikat kinerja pegawai: BAIK",
                     "Ramah dan cekatan melayani warga di loket."):
        assert expected.lower() in text.lower(), f"'{expected}' is not in the evaluation PDF"


@test
def the_units_distribution_report_prints_with_its_counts(run):
    cast = run.state["cast"]
    unit = cast["unit"]["id"]
    k = run.windows["pimpinan"]
    k.open(f"/cetak/distribusi.html?unit={unit}&tahun={run.city.year}&jenis=EVALUATION_PERIOD_KIND_TRIWULAN&nomor=1")
    k.find("#dokumen[data-siap='true']")
    text = pdf_text(run, k, "distribusi")
    counts = run.city.rpc("EvaluationService/GetUnitReport", {
        "unitId": unit, "period": {"year": run.city.year, "kind": "EVALUATION_PERIOD_KIND_TRIWULAN", "number": 1}})["distribution"]["counts"]
    rated = sum(int(v) for v in counts.values())
    for expected in ("LAPORAN DISTRIBUSI PREDIKAT KINERJA PEGAWAI", SHOWCASE, f"{rated} orang dinilai", "Distribusi sesuai kurva"):
        assert expected.lower() in text.lower(), f"'{expected}' is not in the distribution PDF"
    run.picture(k, "cetak-distribusi")


def annual_period(run):
    return {"year": run.city.year, "kind": "EVALUATION_PERIOD_KIND_TAHUNAN", "number": 1}


@test
def the_employee_sees_the_keberatan_window_in_their_own_inbox(run):
    cast = run.state["cast"]
    city = run.city
    evaluation = city.rpc("EvaluationService/GetEvaluation", {
        "employeePeriod": {"employeeId": cast["staff"]["id"], "period": annual_period(run)}})
    run.state["evaluation"] = evaluation["id"]
    s = run.windows["pegawai"]
    s.open("/kotak-masuk.html")
    item = s.find(f'#daftar-saya > li[data-jenis="INBOX_ITEM_KIND_KEBERATAN_DEADLINE"][data-evaluasi="{evaluation["id"]}"]')
    assert "Tahunan" in item.text and "keberatan sampai" in item.text, item.text
    run.measure(s, "kotak-masuk.html (pegawai)")
    run.picture(s, "kotak-masuk-pegawai")
    item.find_element(By.LINK_TEXT, "Buka penilaian").click()
    s.wait_path("/evaluasi.html")
    s.find(f'#evaluasi-{evaluation["id"]} details.keberatan')


@test
def the_employee_files_a_keberatan_and_the_atasan_ppks_open_inbox_shows_it_live(run):
    cast = run.state["cast"]
    city = run.city
    # The atasan of the PPK: whoever evaluates the supervisor.
    above = city.rpc("PlanService/GetSKP", {"ownerYear": {"employeeId": cast["supervisor"]["id"], "year": city.year}})
    above_id = above["evaluator"]["employeeId"]
    if above_id == cast["head"]["id"]:
        a = run.windows["pimpinan"]
    else:
        person = city.account(city.employee(above_id))
        a = run.window("atasan-ppk", DESKTOP)
        a.log_in(person["nip"], PASSWORD)
    run.state["atasan_ppk"] = a
    a.open("/kotak-masuk.html")
    a.wait(lambda d: d.find_element(By.ID, "status-langsung").get_attribute("data-keadaan") == "langsung",
           what="the inbox going live")
    a.js("window.tandaTanpaMuatUlang = 'tetap';")
    evaluation = run.state["evaluation"]
    s = run.windows["pegawai"]
    # A second tab with the same form, opened before the filing (for the refusal that follows).
    first = s.driver.current_window_handle
    s.driver.switch_to.new_window("tab")
    s.open("/evaluasi.html")
    s.click(f"#evaluasi-{evaluation} details.keberatan summary")
    run.state["stale_tab"] = (s.driver.current_window_handle, first)
    s.driver.switch_to.window(first)
    s.open(f"/evaluasi.html#evaluasi-{evaluation}")
    s.click(f"#evaluasi-{evaluation} details.keberatan summary")
    s.type(f"#alasan-keberatan-{evaluation}", "Target layanan KTP-el terlampaui 20%, bukan sekadar sesuai ekspektasi.")
    s.type(f"#nama-bukti-{evaluation}", "Rekap layanan KTP-el tahunan")
    s.type(f"#alamat-bukti-{evaluation}", "https://salatiga.go.id/arsip/rekap-ktp-el.pdf")
    s.click(f"#evaluasi-{evaluation} button.ajukan-keberatan")
    s.find_text("#kabar-halaman", "Keberatan atas penilaian Tahunan")
    s.find_text(f"#evaluasi-{evaluation} .keberatan", "menunggu pemeriksaan")
    keberatan = city.rpc("EvaluationService/GetKeberatan", {"evaluationId": evaluation})
    run.state["keberatan"] = keberatan["id"]
    started = time.monotonic()
    card = a.find(f'#daftar-keberatan > li[data-keberatan="{keberatan["id"]}"]', timeout=15)
    print(f"  the atasan PPK's inbox showed the keberatan {time.monotonic() - started:.1f} s after it was filed")
    assert a.js("return window.tandaTanpaMuatUlang") == "tetap", "the inbox page was reloaded"
    assert cast["staff"]["name"] in card.text and "bukan sekadar" in card.text, card.text


@test
def a_second_keberatan_is_refused_with_the_indonesian_message_of_its_reason(run):
    s = run.windows["pegawai"]
    stale, first = run.state["stale_tab"]
    evaluation = run.state["evaluation"]
    s.driver.switch_to.window(stale)
    try:
        s.type(f"#alasan-keberatan-{evaluation}", "Diajukan lagi dari tab lain.")
        s.click(f"#evaluasi-{evaluation} button.ajukan-keberatan")
        notice = s.find_text(f"#evaluasi-{evaluation} form.form-keberatan .kabar-galat", "sudah diajukan")
        assert "satu kali" in notice.text and "already" not in notice.text.lower(), notice.text
    finally:
        s.driver.close()
        s.driver.switch_to.window(first)


@test
def the_atasan_ppk_records_the_hearing_and_decides_with_a_changed_rating(run):
    a = run.state["atasan_ppk"]
    keberatan = run.state["keberatan"]
    card = a.find(f'#daftar-keberatan > li[data-keberatan="{keberatan}"]')
    card.find_element(By.TAG_NAME, "a").click()
    a.wait_path("/keberatan.html")
    a.find_text("#alasan-keberatan", "bukan sekadar")
    a.type("#keterangan-ppk", "Target tercapai; penilaian mempertimbangkan antrean yang masih panjang di bulan Maret.")
    a.type("#keterangan-pegawai", "Antrean Maret karena gangguan jaringan pusat, bukan kinerja loket.")
    a.click("#form-pemeriksaan button[type=submit]")
    a.find_text("#kabar-halaman", "Hasil pemeriksaan tersimpan")
    a.find("#hasil-pemeriksaan")
    a.click('#form-keputusan input[name="putusan"][value="ubah"]')
    a.click('#pilihan-hasil-baru input[value="RATING_DI_ATAS_EKSPEKTASI"]')
    a.click('#pilihan-perilaku-baru input[value="RATING_DI_ATAS_EKSPEKTASI"]')
    a.find_text("#pratinjau-predikat-baru", "Sangat Baik")
    a.type("#alasan-keputusan", "Gangguan jaringan pusat di luar kendali pegawai; capaian melampaui target.")
    a.click("#form-keputusan button[type=submit]")
    a.find_text("#kabar-halaman", "penilaian diubah")
    a.find_text("#versi-keputusan", "Sangat Baik")
    a.find_text("#versi-semula", "Baik")
    assert a.find("#status-keberatan").get_attribute("data-status") == "KEBERATAN_STATUS_CHANGED"
    run.measure(a, "keberatan.html")
    run.picture(a, "keberatan", "#versi-semula")
    a.open("/kotak-masuk.html")
    a.wait(lambda d: d.find_element(By.ID, "status-langsung").get_attribute("data-keadaan") == "langsung",
           what="the inbox going live")
    assert not a.driver.find_elements(By.CSS_SELECTOR, f'#daftar-keberatan > li[data-keberatan="{keberatan}"]'), \
        "a decided keberatan is still in the inbox"


@test
def the_employee_sees_the_decided_result_beside_the_finalised_one_and_prints_it(run):
    evaluation = run.state["evaluation"]
    s = run.windows["pegawai"]
    s.open("/evaluasi.html")
    card = s.find(f"#evaluasi-{evaluation}")
    s.find_text(f"#evaluasi-{evaluation} .versi-keputusan", "Sangat Baik")
    s.find_text(f"#evaluasi-{evaluation} .versi-semula", "Baik")
    assert "Sangat Baik" in card.find_element(By.CSS_SELECTOR, ".predikat").text, card.text
    s.open(f"/cetak/evaluasi.html?id={evaluation}")
    s.find("#dokumen[data-siap='true']")
    text = pdf_text(run, s, "evaluasi-keberatan")
    for expected in ("Predikat kinerja pegawai: SANGAT BAIK", "ditetapkan atas keberatan pegawai", "predikat Baik"):
        assert expected.lower() in text.lower(), f"'{expected}' is not in the evaluation PDF"


@test
def every_refusal_reason_of_the_catalogue_has_an_indonesian_message(run):
    from simpeg.v1 import errors_pb2, kinerja_pb2
    table = (ROOT / "Schema" / "PROTOCOL.md").read_text()
    section = table[table.index("#### 6.4.1"):table.index("### 6.5")]
    reasons = re.findall(r"^\| (\d+) \| `([A-Z_]+)` \| ([A-Z_]+)", section, re.M)
    assert len(reasons) >= 22, f"the catalogue has {len(reasons)} reasons"
    w = run.window("warga", PHONE)
    w.open("/")
    w.find("#form-masuk")
    cases = []
    for number, name, status in reasons:
        refusal = errors_pb2.Refusal(reason=int(number), may_act=[kinerja_pb2.PositionPerson(
            name="Sri Wahyuni", position_title="Kepala Bidang Pelayanan", plh=True)])
        value = base64.b64encode(refusal.SerializeToString()).decode().rstrip("=")
        cases.append({"number": int(number), "name": name, "code": status.lower(), "value": value})
    answers = w.driver.execute_async_script(
        """
        const [cases, done] = arguments;
        Promise.all([import('/js/pesan.mjs'), import('/js/api.mjs')]).then(([pesan, api]) => done(cases.map((c) => {
          const refusal = new api.GalatPanggilan(c.code, 'English text from the server', 'X/Y',
            [{type: 'simpeg.v1.Refusal', value: c.value}]);
          const plain = new api.GalatPanggilan(c.code, 'English text from the server', 'X/Y');
          return {number: c.number, name: (pesan.ALASAN_PENOLAKAN[c.number] || [])[0] || null,
                  text: pesan.pesanGalat(refusal), fallback: pesan.pesanGalat(plain)};
        }))).catch((e) => done(String(e)));
        """, cases)
    assert isinstance(answers, list), answers
    missing = [a["number"] for a in answers if a["name"] is None]
    assert not missing, f"reasons of PROTOCOL.md 6.4.1 without an Indonesian message: {missing}"
    names = {int(n): name for n, name, _ in reasons}
    wrong = [(a["number"], a["name"]) for a in answers if a["name"] != names[a["number"]]]
    assert not wrong, f"reasons whose number names another reason in pesan.mjs: {wrong}"
    for a in answers:
        assert a["text"] != a["fallback"] and "English" not in a["text"], a
        assert "Yang dapat bertindak: Sri Wahyuni (Kepala Bidang Pelayanan, Plh)" in a["text"], a
    print(f"  {len(answers)} reasons, each with its own message")


@test
def bkpsdm_imports_employees_after_a_dry_run_report(run):
    city = run.city
    cast = run.state["cast"]
    a = run.window("bkpsdm", DESKTOP)
    password = city.bootstrap_password
    a.log_in("admin", password, new_password=PASSWORD)
    # The gateway's forced change ended the administrator's other sessions, the tests' own too.
    city.admin = city.token("admin", PASSWORD)
    a.wait_path("/admin.html")
    # CSV rows name their unit by its code; the sample's units have none, so BKPSDM gives one.
    code = city.rpc("OrgService/RenameUnit", {"unitId": cast["unit"]["id"], "name": cast["unit"]["name"], "code": "DISDUKCAPIL"})["code"]
    good = f"199507142020032901,Rina Lestari,,S.Kom.,P,Salatiga,1995-07-14,PNS,III/a,,{code},,rina@salatiga.go.id,"
    bad = f"199601012021011902,Dodi Kurniawan,,,L,Salatiga,1996-01-01,PNS,III/z,,{code},,,"
    header = "nip,nama,gelar_depan,gelar_belakang,jenis_kelamin,tempat_lahir,tanggal_lahir,status,golongan,tmt_cpns,kode_unit,jabatan,email,telepon"
    first = run.out / "pegawai-baru.csv"
    first.write_text(header + "\r\n" + good + "\r\n" + bad + "\r\n", encoding="utf-8")
    a.choose("#jenis-impor", value="employees")
    a.driver.find_element(By.ID, "berkas-impor").send_keys(str(first))
    a.click('#form-impor button[type=submit]')
    a.find_text("#kabar-impor", "Uji coba: 2 baris, 1 baik, 1 bermasalah")
    row = a.find('#laporan-impor tr[data-baris="3"]')
    assert "golongan" in row.text, row.text
    assert not a.find("#impor-sungguhan").is_enabled(), "a file with a bad row can be imported"
    second = run.out / "pegawai-baru-2.csv"
    second.write_text(header + "\n" + good + "\n", encoding="utf-8")
    a.driver.find_element(By.ID, "berkas-impor").send_keys(str(second))
    a.click('#form-impor button[type=submit]')
    a.find_text("#kabar-impor", "Uji coba: 1 baris, 1 baik, 0 bermasalah")
    a.wait(lambda d: d.find_element(By.ID, "impor-sungguhan").is_enabled(), what="the import enabled")
    a.click("#impor-sungguhan")
    a.find_text("#kabar-impor", "1 baris tersimpan")
    employee = city.rpc("EmployeeService/GetEmployee", {"nip": "199507142020032901"})
    assert employee["name"] == "Rina Lestari" and employee["unitId"] == cast["unit"]["id"], employee
    run.measure(a, "admin.html")


@test
def bkpsdm_creates_accounts_in_bulk_for_a_unit_and_resets_a_password(run):
    city = run.city
    a = run.windows["bkpsdm"]
    tree = city.rpc("OrgService/GetUnitTree", {"rootId": run.state["cast"]["unit"]["id"]})["nodes"]
    small = min((n for n in tree if int(n.get("employees", 0)) >= 2), key=lambda n: int(n["employees"]))["unit"]
    a.open("/admin.html#bagian-akun")
    a.choose("#unit-akun", value=small["id"])
    a.js("document.querySelector('#form-akun-unit input[name=subunit]').checked = false")
    a.click('#form-akun-unit button[type=submit]')
    a.click("#buat-akun-massal")
    table = a.find("#hasil-akun table.tabel-akun-baru")
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    created = [(r.find_elements(By.TAG_NAME, "td")[0].text, r.find_element(By.CSS_SELECTOR, "code.rahasia").text)
               for r in rows if r.find_elements(By.CSS_SELECTOR, "code.rahasia")]
    assert created, table.text
    nip_, initial = created[0]
    login = city.rpc("AuthService/Login", {"username": nip_, "password": initial}, token="")
    assert login["account"]["mustChangePassword"], login
    run.picture(a, "admin")
    a.type("#awalan-nama", city.employee(login["account"]["employeeId"])["name"])
    a.click('#form-cari button[type=submit]')
    cell = a.find(f'#hasil-cari tr[data-pegawai="{login["account"]["employeeId"]}"] td.akun button')
    cell.click()
    temporary = a.find(f'#hasil-cari tr[data-pegawai="{login["account"]["employeeId"]}"] td.akun code.rahasia').text
    assert city.rpc("AuthService/Login", {"username": nip_, "password": temporary}, token="")["token"]


@test
def bkpsdm_sees_the_audit_trail_and_its_verified_chain(run):
    a = run.windows["bkpsdm"]
    a.click("#periksa-audit")
    a.click('#form-audit button[type=submit]')
    a.wait(lambda d: d.find_element(By.ID, "verifikasi-audit").get_attribute("data-utuh") == "true", what="the chain verified intact")
    a.find_text("#tabel-audit", "Membuat akun pengguna")
    a.find_text("#tabel-audit", "Mengimpor pegawai")


@test
def bkpsdm_opens_its_own_inbox_live(run):
    # BKPSDM decides the keberatan whose atasan PPK is the Wali Kota; the sample has none filed.
    a = run.windows["bkpsdm"]
    a.open("/kotak-masuk.html")
    a.wait(lambda d: d.find_element(By.ID, "status-langsung").get_attribute("data-keadaan") == "langsung",
           what="the inbox going live")
    a.find_text("#kosong-keberatan", "Tidak ada keberatan")
    assert a.find("#navigasi a[aria-current=page]").text == "Kotak Masuk"


@test
def a_citizen_finds_a_request_by_its_number_without_logging_in(run):
    city = run.city
    unit = run.state["cast"]["unit"]["id"]
    request = city.rpc("PublicServiceService/ListServiceRequests", {
        "unitId": unit, "state": "SERVICE_REQUEST_STATE_COMPLETED", "page": {"pageSize": 1}})["requests"][0]
    w = run.window("warga", PHONE)
    w.open("/")
    w.find("#form-masuk")
    run.measure(w, "index.html")
    w.open("/publik.html")
    w.find(f'#layanan option[value="{request["serviceId"]}"]')
    w.choose("#layanan", value=request["serviceId"])
    w.type("#nomor", request["reference"])
    w.click("#form-cek button[type=submit]")
    result = w.find("#hasil-cek .kartu")
    w.find_text("#hasil-cek", "Selesai")
    assert request["reference"] in result.text, result.text
    run.measure(w, "publik.html")
    run.picture(w, "publik", "#judul-cek")
    w.type("#nomor", "TIDAK/ADA/999")
    w.click("#form-cek button[type=submit]")
    w.find_text("#hasil-cek", "tidak ditemukan")
    # What the desk answers holds nothing of the staff: no assignee, no account that acted.
    query = urllib.parse.urlencode({"layanan": request["serviceId"], "nomor": request["reference"]})
    with urllib.request.urlopen(f"{city.url}/publik/permohonan?{query}", timeout=30) as answer:
        shown = json.loads(answer.read())["request"]
    assert "assigneeEmployeeId" not in shown and "note" not in shown, shown
    assert all(set(step) <= {"state", "at"} for step in shown["transitions"]), shown["transitions"]


@test
def a_citizen_answers_the_satisfaction_survey(run):
    w = run.window("warga", PHONE)
    w.open("/publik.html#skm")
    service = run.city.rpc("PublicServiceService/ListPublicServices", {"unitId": run.state["cast"]["unit"]["id"]})["services"][0]
    w.find(f'#skm-layanan option[value="{service["id"]}"]')
    w.choose("#skm-layanan", value=service["id"])
    for element in range(1, 10):
        w.click(f'input[name="u{element}"][value="{4 if element % 2 else 3}"]')
    w.click("#form-skm button[type=submit]")
    w.find_text("#kabar-skm", "Terima kasih")


@test
def every_form_control_has_a_label_and_nothing_comes_from_outside_the_gateway(run):
    unlabelled = [(page, m["unlabelled"]) for page, m in run.weights if m["unlabelled"]]
    foreign = [(page, m["foreign"]) for page, m in run.weights if m["foreign"]]
    assert run.weights and not unlabelled, f"controls without a label: {unlabelled}"
    assert not foreign, f"files from other origins: {foreign}"


@test
def every_page_weighs_under_300_kb_and_the_paint_times_are_printed(run):
    print(f"  {'page':<22} {'weight':>9} {'files':>5} {'first paint':>12} {'content ready':>14}")
    for page, m in run.weights:
        paint = f"{m['firstContentfulPaint']:.0f} ms" if m["firstContentfulPaint"] is not None else "-"
        ready = f"{m['contentReady']:.0f} ms" if m["contentReady"] is not None else "-"
        print(f"  {page:<22} {m['weight'] / 1024:>6.1f} KB {len(m['files']):>5} {paint:>12} {ready:>14}")
    heavy = [(page, m["weight"]) for page, m in run.weights if m["weight"] >= WEIGHT_LIMIT]
    assert run.weights and not heavy, f"pages over 300 KB: {heavy}"


# MARK: Running

def main():
    parser = argparse.ArgumentParser(description="Browser tests of the web app (see the module's description).")
    parser.add_argument("--bin", required=True, help="the folder of the built simpegd and simpeg-web")
    parser.add_argument("--web-root", default=str(ROOT / "Sources" / "SimpegWeb" / "Public"))
    parser.add_argument("--out", help="where failure screenshots, PDFs and logs go (default: a new temporary folder)")
    parser.add_argument("--screenshots", help="save the README's screenshots here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    arguments = parser.parse_args()
    out = Path(arguments.out or tempfile.mkdtemp(prefix="simpeg-browser-"))
    out.mkdir(parents=True, exist_ok=True)
    screenshots = Path(arguments.screenshots) if arguments.screenshots else None
    if screenshots:
        screenshots.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    city = City(Path(arguments.bin).resolve(), Path(arguments.web_root).resolve(), out)
    run = Run(city, out, screenshots)
    failed = []
    try:
        run.state["cast"] = find_cast(city)
        cast = run.state["cast"]
        print(f"city ready in {time.monotonic() - started:.1f} s at {city.url}: staff {cast['staff']['name']}, "
              f"supervisor {cast['supervisor']['name']}, head {cast['head']['name']}")
        for function in TESTS:
            name = function.__name__
            begun = time.monotonic()
            try:
                function(run)
                print(f"ok    {name} ({time.monotonic() - begun:.1f} s)")
            except Exception:
                failed.append(name)
                print(f"FAIL  {name} ({time.monotonic() - begun:.1f} s)")
                traceback.print_exc(limit=3)
                for who, window in run.windows.items():
                    picture = out / f"gagal-{name}-{who}.png"
                    try:
                        window.screenshot(picture, full_page=False)
                        print(f"      screenshot of {who}: {picture}")
                    except Exception:
                        pass
                    for line in window.collect_console()[-10:]:
                        print(f"      {who} console: {line[:300]}")
    finally:
        for window in run.windows.values():
            window.quit()
        city.stop()
    print(f"{len(TESTS) - len(failed)} of {len(TESTS)} browser tests passed in {time.monotonic() - started:.1f} s")
    if failed:
        print(f"failed: {', '.join(failed)}; screenshots and logs in {out}")
        return 1
    if not arguments.out and not arguments.keep:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
