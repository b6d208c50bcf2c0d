from django.urls import include, path

urlpatterns = [path("", include("portal.urls"))]


def _page(status: int, title: str, message: str):
    def view(request, exception=None):
        from django.shortcuts import render

        return render(request, "portal/error.html", {"title": title, "message": message}, status=status)
    return view


handler400 = _page(400, "请求有误", "请求无法处理，请返回后重试 (bad request)")
handler403 = _page(403, "无权访问", "您的账号无权查看或操作此页面 (forbidden)")
handler404 = _page(404, "找不到页面", "页面不存在，或不属于您的账号 (not found)")
handler500 = _page(500, "程序出错", "程序出错，请稍后重试或联系管理员 (server error)")
