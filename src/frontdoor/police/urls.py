from django.urls import path

from . import child_views as child
from . import encompass_views as encompass
from . import views as police

app_name = "police"
urlpatterns = [
    path("", police.home, name="home"),
    path("import/", police.upload, name="upload"),
    path("import/<int:pk>/", police.import_detail, name="import"),
    path("day/<str:day>/", police.day, name="day"),
    path("child/<int:pk>/", child.child_detail, name="child"),
    path("child/<int:pk>/match/", child.child_confirm, name="child_confirm"),
    path("child/<int:pk>/school-nurse/", child.school_nurse, name="school_nurse"),
    path("notification/<int:pk>/marac/", child.marac, name="marac"),
    path("review/", police.review_list, name="review"),
    path("my-cases/", police.my_cases, name="my_cases"),
    path("encompass/", encompass.encompass_list, name="encompass"),
    path("encompass/<int:pk>/", encompass.encompass_record, name="encompass_record"),
]
