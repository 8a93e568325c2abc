from django.urls import path

from .edt import views as edt
from .exploitation import views as exploitation
from .police import encompass_views as encompass
from .police import views as police

app_name = "pathways"
urlpatterns = [
    path("police/", police.home, name="police_home"),
    path("police/import/", police.upload, name="police_upload"),
    path("police/import/<int:pk>/", police.import_detail, name="police_import"),
    path("police/day/<str:day>/", police.day, name="police_day"),
    path("police/child/<int:pk>/", police.child_detail, name="police_child"),
    path("police/child/<int:pk>/match/", police.child_confirm, name="police_child_confirm"),
    path("police/child/<int:pk>/school-nurse/", police.school_nurse, name="police_school_nurse"),
    path("police/notification/<int:pk>/marac/", police.marac, name="police_marac"),
    path("police/review/", police.review_list, name="police_review"),
    path("police/my-cases/", police.my_cases, name="police_my_cases"),
    path("encompass/", encompass.encompass_list, name="encompass"),
    path("encompass/<int:pk>/", encompass.encompass_record, name="encompass_record"),
    path("edt/", edt.home, name="edt_home"),
    path("edt/new/", edt.record_new, name="edt_new"),
    path("edt/<int:pk>/", edt.detail, name="edt_detail"),
    path("edt/handovers/", edt.handovers, name="edt_handovers"),
    path("edt/<int:pk>/acknowledge/", edt.acknowledge, name="edt_acknowledge"),
    path("exploitation/", exploitation.home, name="exploitation_home"),
    path("exploitation/new/<int:person_id>/", exploitation.screening_new, name="exploitation_new"),
    path("exploitation/<int:pk>/", exploitation.detail, name="exploitation_detail"),
    path("exploitation/child/<int:person_id>/", exploitation.history, name="exploitation_history"),
]
