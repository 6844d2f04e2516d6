from django.urls import path

from triage import views

app_name = "triage"

urlpatterns = [
    path("", views.start, name="start"),
    path("questions/<slug:slug>/", views.question, name="question"),
    path("check-your-answers/", views.check_answers, name="check_answers"),
    path("result/", views.result, name="result"),
    path("your-plan/", views.plan, name="plan"),
    path("your-plan/my-back-plan.ics", views.plan_calendar, name="plan_calendar"),
    path("start-again/", views.start_again, name="start_again"),
]
