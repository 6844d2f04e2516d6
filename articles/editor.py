"""The Markdown editor's endpoints: live preview and image upload, for staff only.

markdownx ships these views unprotected and its upload view trusts the browser's
content type, so the site mounts its own versions at the same URL names.
"""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from articles.forms import ImageUploadForm
from articles.rendering import render_markdown
from site_config import care_routes


@staff_member_required
@require_POST
def markdownify(request):
    content = request.POST.get("content")
    if content is None:
        return HttpResponseBadRequest("Send the Markdown to preview in the 'content' field.")
    try:
        html = render_markdown(content)
    except ValidationError as error:
        # markdownx shows any answer in the preview pane, so the editor reads why.
        message = format_html('<p class="preview-refused">No preview: {}</p>', error.messages[0])
        return HttpResponseBadRequest(message)
    # The preview shows what readers will see, so the tokens are replaced as on the public page.
    return HttpResponse(care_routes.fill_in_html(mark_safe(html)))  # noqa: S308


@staff_member_required
@require_POST
def upload_image(request):
    form = ImageUploadForm(files=request.FILES)
    if not form.is_valid():
        return JsonResponse({"error": " ".join(form.errors["image"])}, status=400)
    return JsonResponse({"image_code": f"![Describe the image]({form.save()})"})
