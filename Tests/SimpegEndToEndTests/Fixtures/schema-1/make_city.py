"""Makes the small city of Fixtures/schema-1 through the API of a running simpegd and records what
that simpegd answers for every record (see README.md).

Usage: python3 make_city.py TOOLS_PYTHON HOST:PORT BOOTSTRAP_PASSWORD ANSWERS_JSON
  TOOLS_PYTHON        the repository's Tools/python folder (the reference client)
  HOST:PORT           the daemon, started on an empty data folder
  BOOTSTRAP_PASSWORD  from bootstrap-admin.txt in its data folder
  ANSWERS_JSON        where to write the answers
"""
import json
import sys

sys.path.insert(0, sys.argv[1])  # Tools/python
from simpeg_client import Connection, RpcError
from google.protobuf import json_format
from simpeg.v1 import (org_pb2, employee_pb2, account_pb2, auth_pb2, plan_pb2, activity_pb2,
                       evaluation_pb2, kinerja_pb2, feedback_pb2, admin_pb2, common_pb2, publicservice_pb2)

host, port = sys.argv[2].split(":")
bootstrap_password = sys.argv[3]
out = sys.argv[4]
c = Connection(host, int(port))
S = "simpeg.v1."

def call(method, request, response_type, token=None):
    md = {"authorization": "Bearer " + token} if token else None
    return c.unary(S + method, request, response_type, timeout=30, metadata=md)

def login(username, password):
    return call("AuthService/Login", auth_pb2.LoginRequest(username=username, password=password),
                auth_pb2.LoginResponse).token

admin = login("admin", bootstrap_password)
call("AuthService/ChangePassword", auth_pb2.ChangePasswordRequest(old_password=bootstrap_password,
     new_password="Admin-Rahasia-2026!"), auth_pb2.ChangePasswordResponse, admin)
admin = login("admin", "Admin-Rahasia-2026!")

def unit(name, kind, parent, code):
    return call("OrgService/CreateUnit", org_pb2.CreateUnitRequest(parent_id=parent, kind=kind, name=name, code=code),
                org_pb2.Unit, admin).id
root = unit("Pemerintah Kota Salatiga", common_pb2.PEMERINTAH_KOTA, 0, "PEMKOT")
dinas = unit("Dinas Kependudukan dan Pencatatan Sipil", common_pb2.DINAS, root, "DISDUKCAPIL")
bidang = unit("Bidang Pelayanan Pendaftaran Penduduk", common_pb2.BIDANG, dinas, "DAFDUK")

def position(unit_id, title, supervisor, kind=0, level=0, eselon=0, elected=False):
    return call("OrgService/CreatePosition", org_pb2.CreatePositionRequest(
        unit_id=unit_id, title=title, kind=kind, level=level, eselon=eselon,
        supervisor_position_id=supervisor, elected=elected), org_pb2.Position, admin).id
walikota = position(root, "Wali Kota Salatiga", 0, elected=True)
call("OrgService/SetOfficialHolder", org_pb2.SetOfficialHolderRequest(position_id=walikota,
     name="dr. H. Wali Uji, M.Kes."), org_pb2.Position, admin)
kadis = position(dinas, "Kepala Dinas Kependudukan dan Pencatatan Sipil", walikota,
                 common_pb2.PIMPINAN_TINGGI, common_pb2.JPT_PRATAMA, common_pb2.ESELON_IIB)
kabid = position(bidang, "Kepala Bidang Pelayanan Pendaftaran Penduduk", kadis,
                 common_pb2.ADMINISTRATOR, common_pb2.LEVEL_ADMINISTRATOR, common_pb2.ESELON_IIIB)
staf = position(bidang, "Pengadministrasi Kependudukan", kabid, common_pb2.PELAKSANA, common_pb2.LEVEL_PELAKSANA)
for u, p in ((root, walikota), (dinas, kadis), (bidang, kabid)):
    call("OrgService/SetUnitHead", org_pb2.SetUnitHeadRequest(unit_id=u, position_id=p), org_pb2.Unit, admin)

def employee(nip, name, pos, unit_id, gol, **extra):
    return call("EmployeeService/CreateEmployee", employee_pb2.CreateEmployeeRequest(
        nip=nip, name=name, status=common_pb2.PNS, golongan=common_pb2.Golongan(pns=gol),
        unit_id=unit_id, position_id=pos, **extra), employee_pb2.Employee, admin).id
budi = employee("197806152005011001", "Budi Santoso", kadis, dinas, common_pb2.GOLONGAN_IVC, gelar_depan="Drs.", gelar_belakang="M.Si.")
siti = employee("198506152010042002", "Siti Rahayu", kabid, bidang, common_pb2.GOLONGAN_IIID,
                email="siti.rahayu@salatiga.go.id", phone="081234567890", birth_place="Salatiga")
de = employee("199203102019031003", "Ni Luh Putu Dé", staf, bidang, common_pb2.GOLONGAN_IIC)

passwords = {}
for nip in ("197806152005011001", "198506152010042002", "199203102019031003"):
    call("AccountService/CreateUserAccount", account_pb2.CreateUserAccountRequest(
        nip=nip, initial_password="Awal-" + nip[-4:] + "-Rahasia!"), account_pb2.CreateAccountResponse, admin)
    t = login(nip, "Awal-" + nip[-4:] + "-Rahasia!")
    passwords[nip] = "Pegawai-" + nip[-4:] + "-Rahasia!"
    call("AuthService/ChangePassword", auth_pb2.ChangePasswordRequest(old_password="Awal-" + nip[-4:] + "-Rahasia!",
         new_password=passwords[nip]), auth_pb2.ChangePasswordResponse, t)
call("AccountService/CreateUserAccount", account_pb2.CreateUserAccountRequest(
    username="operator1", roles=[1],
    initial_password="Operator-Rahasia-2026!"), account_pb2.CreateAccountResponse, admin)
tb = login("197806152005011001", passwords["197806152005011001"])
ts = login("198506152010042002", passwords["198506152010042002"])
td = login("199203102019031003", passwords["199203102019031003"])

YEAR = 2026
def content(parents, jpt=False):
    ct = plan_pb2.SKPContent(approach=plan_pb2.SKP_APPROACH_KUANTITATIF)
    for i, parent in enumerate(parents):
        r = ct.rhks.add(kind=plan_pb2.RHK_KIND_UTAMA, text="Rencana hasil kerja %d" % (i + 1), parent_rhk_id=parent)
        if jpt: r.perspective = i % 4 + 1
        r.ikis.add(aspect=plan_pb2.IKI_ASPECT_KUANTITAS, indicator="Jumlah dokumen kependudukan %d" % (i + 1),
                   target_value=120, target_unit="dokumen")
    for v in range(1, 8):
        ct.expectations.add(value=v, expectation="Ekspektasi perilaku %d" % v)
    return ct
def approved(req, owner, approver):
    s = call("PlanService/CreateSKP", req, plan_pb2.SKP, owner)
    s = call("PlanService/SubmitSKP", plan_pb2.SubmitSKPRequest(skp_id=s.id, version=s.version), plan_pb2.SKP, owner)
    return call("PlanService/ApproveSKP", plan_pb2.ApproveSKPRequest(skp_id=s.id, version=s.version), plan_pb2.SKP, approver)
skp_wk = approved(plan_pb2.CreateSKPRequest(official_position_id=walikota, year=YEAR, content=content([0])), admin, admin)
skp_budi = approved(plan_pb2.CreateSKPRequest(year=YEAR, content=content([skp_wk.content.rhks[0].id], jpt=True)), tb, admin)
skp_siti = approved(plan_pb2.CreateSKPRequest(year=YEAR, content=content([skp_budi.content.rhks[0].id])), ts, tb)
skp_de = approved(plan_pb2.CreateSKPRequest(year=YEAR, content=content([skp_siti.content.rhks[0].id])), td, ts)

a1 = call("ActivityService/LogActivity", activity_pb2.LogActivityRequest(
    skp_id=skp_de.id, rhk_id=skp_de.content.rhks[0].id, date=common_pb2.Date(year=YEAR, month=11, day=20),
    start_minute=8 * 60, end_minute=11 * 60, description="Menerbitkan kartu keluarga", output_quantity=12),
    activity_pb2.Activity, td)
a1 = call("ActivityService/ReviewActivity", activity_pb2.ReviewActivityRequest(
    activity_id=a1.id, decision=activity_pb2.REVIEW_DECISION_APPROVE, note="Sesuai"), activity_pb2.Activity, ts)
a2 = call("ActivityService/LogActivity", activity_pb2.LogActivityRequest(
    skp_id=skp_de.id, rhk_id=skp_de.content.rhks[0].id, date=common_pb2.Date(year=YEAR, month=11, day=21),
    start_minute=13 * 60, end_minute=15 * 60, description="Verifikasi berkas pindah datang", output_quantity=5),
    activity_pb2.Activity, td)

fb = call("FeedbackService/GiveFeedback", feedback_pb2.GiveFeedbackRequest(
    employee_id=de, year=YEAR, rhk_id=skp_de.content.rhks[0].id,
    text="Pelayanan cepat dan rapi"), feedback_pb2.Feedback, ts)

org = call("EvaluationService/SetOrganisationPredikat", evaluation_pb2.SetOrganisationPredikatRequest(
    unit_id=dinas, period=kinerja_pb2.EvaluationPeriod(year=YEAR, kind=kinerja_pb2.EVALUATION_PERIOD_KIND_TRIWULAN, number=3),
    predikat=kinerja_pb2.PREDIKAT_ORGANISASI_BAIK, note="Capaian kinerja dinas triwulan III"), evaluation_pb2.OrganisationPredikat, admin)
ev = call("EvaluationService/RateEmployee", evaluation_pb2.RateEmployeeRequest(
    employee_id=de, period=kinerja_pb2.EvaluationPeriod(year=YEAR, kind=kinerja_pb2.EVALUATION_PERIOD_KIND_TRIWULAN, number=3),
    hasil_kerja=kinerja_pb2.RATING_SESUAI_EKSPEKTASI, hasil_kerja_note="Target triwulan tercapai",
    perilaku=kinerja_pb2.RATING_DI_ATAS_EKSPEKTASI), evaluation_pb2.Evaluation, ts)

plh = call("OrgService/AssignPlh", org_pb2.AssignPlhRequest(
    position_id=kabid, employee_id=de, first_day=common_pb2.Date(year=2027, month=1, day=4),
    last_day=common_pb2.Date(year=2027, month=1, day=8), reason="Surat Perintah 800/12/2026"), org_pb2.Plh, admin)

dialogue = call("FeedbackService/RecordDialogue", feedback_pb2.RecordDialogueRequest(
    unit_id=bidang, date=common_pb2.Date(year=YEAR, month=11, day=23), attendee_ids=[siti, de],
    agenda="Evaluasi pelayanan triwulan III", notes="Antrean pagi perlu diurai",
    follow_ups=[feedback_pb2.NewFollowUp(employee_id=de, action="Menyusun jadwal loket tambahan",
                                         due=common_pb2.Date(year=YEAR, month=12, day=31))]), feedback_pb2.Dialogue, ts)
service = call("PublicServiceService/CreatePublicService", publicservice_pb2.CreatePublicServiceRequest(
    unit_id=bidang, name="Penerbitan Kartu Keluarga", description="Kartu keluarga baru atau perubahan",
    standard=publicservice_pb2.ServiceStandard(maximum=3, unit=publicservice_pb2.TURNAROUND_UNIT_WORKING_DAYS),
    legal_basis="Peraturan Wali Kota Salatiga tentang Standar Pelayanan"), publicservice_pb2.PublicService, admin)
call("PublicServiceService/SetHoliday", publicservice_pb2.SetHolidayRequest(holiday=publicservice_pb2.Holiday(
    date=common_pb2.Date(year=YEAR, month=12, day=25), name="Hari Raya Natal")), publicservice_pb2.Holiday, admin)

# What the old code answers, to compare the new code's answers with.
answers = {}
def record(name, method, request, response_type, token=admin):
    answers[name] = json_format.MessageToDict(call(method, request, response_type, token))
for u in (root, dinas, bidang):
    record("unit-%d" % u, "OrgService/GetUnit", org_pb2.GetUnitRequest(unit_id=u), org_pb2.Unit)
for p in (walikota, kadis, kabid, staf):
    record("position-%d" % p, "OrgService/GetPosition", org_pb2.GetPositionRequest(position_id=p), org_pb2.Position)
for e in (budi, siti, de):
    record("employee-%d" % e, "EmployeeService/GetEmployee", employee_pb2.GetEmployeeRequest(id=e), employee_pb2.Employee)
for s in (skp_wk, skp_budi, skp_siti, skp_de):
    record("skp-%d" % s.id, "PlanService/GetSKP", plan_pb2.GetSKPRequest(skp_id=s.id), plan_pb2.SKP)
for a in (a1, a2):
    record("activity-%d" % a.id, "ActivityService/GetActivity", activity_pb2.GetActivityRequest(activity_id=a.id), activity_pb2.Activity)
record("activity-revisions-%d" % a1.id, "ActivityService/ListActivityRevisions",
       activity_pb2.ListActivityRevisionsRequest(activity_id=a1.id), activity_pb2.ListActivityRevisionsResponse)
record("feedback-%d" % de, "FeedbackService/ListFeedback", feedback_pb2.ListFeedbackRequest(employee_id=de, year=YEAR),
       feedback_pb2.ListFeedbackResponse, ts)
record("evaluation-%d" % ev.id, "EvaluationService/GetEvaluation", evaluation_pb2.GetEvaluationRequest(evaluation_id=ev.id), evaluation_pb2.Evaluation)
record("dialogue-%d" % dialogue.id, "FeedbackService/GetDialogue", feedback_pb2.GetDialogueRequest(dialogue_id=dialogue.id),
       feedback_pb2.Dialogue)
record("public-service-%d" % service.id, "PublicServiceService/GetPublicService",
       publicservice_pb2.GetPublicServiceRequest(service_id=service.id), publicservice_pb2.PublicService)
record("holidays-%d" % YEAR, "PublicServiceService/ListHolidays", publicservice_pb2.ListHolidaysRequest(year=YEAR),
       publicservice_pb2.ListHolidaysResponse)
record("plh-%d" % kabid, "OrgService/ListPlh", org_pb2.ListPlhRequest(position_id=kabid, include_past=True), org_pb2.ListPlhResponse)
record("audit", "AdminService/ReadAudit", admin_pb2.ReadAuditRequest(limit=1000), admin_pb2.ReadAuditResponse)
record("audit-verification", "AdminService/VerifyAudit", admin_pb2.VerifyAuditRequest(), admin_pb2.VerifyAuditResponse)
with open(out, "w") as f:
    json.dump(answers, f, indent=1, sort_keys=True, ensure_ascii=False)
print(json.dumps({"units": [root, dinas, bidang], "positions": [walikota, kadis, kabid, staf], "employees": [budi, siti, de],
                  "skps": [s.id for s in (skp_wk, skp_budi, skp_siti, skp_de)], "activities": [a1.id, a2.id],
                  "evaluation": ev.id, "plh": plh.id, "feedback": fb.id, "dialogue": dialogue.id, "service": service.id}))
