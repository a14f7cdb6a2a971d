app_name = "banks"

urlpatterns: list = []
