import re
import uuid
from io import BytesIO

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.formats import date_format
from PIL import Image, ImageOps, UnidentifiedImageError

from articles.drafts import COPIED_FIELDS
from articles.models import Article

# What Pillow calls each format the editor accepts, and the extension it is stored under.
IMAGE_FORMATS = {
    "image/jpeg": ("JPEG", "jpg"),
    "image/png": ("PNG", "png"),
    "image/webp": ("WEBP", "webp"),
}
# Markup a browser could run if it ever took the file for a page. Long enough never to
# turn up by chance inside compressed image data.
MARKUP_IN_FILE = re.compile(
    rb"<script|<html|<body|<iframe|<!doctype|<object|<embed|javascript:", re.IGNORECASE
)
# A small file can still decode to an enormous picture; refuse before decoding it.
MAX_PIXELS = 8000 * 5000
NOT_AN_IMAGE = "This file is not a JPEG, PNG or WebP image, so it cannot be uploaded."


class ImageUploadForm(forms.Form):
    """An image for an article: decoded, checked and re-encoded before it is stored."""

    image = forms.FileField(error_messages={"required": "Choose an image to upload."})

    def clean_image(self):
        upload = self.cleaned_data["image"]
        limit = settings.MARKDOWNX_UPLOAD_MAX_SIZE
        if upload.size > limit:
            raise forms.ValidationError(
                f"This image is {upload.size / 1024 / 1024:.1f} MB. The largest you can upload "
                f"is {limit // 1024 // 1024} MB: make it smaller and try again."
            )
        data = upload.read()
        if MARKUP_IN_FILE.search(data):
            raise forms.ValidationError(
                "This file contains web page code as well as an image, so it cannot be uploaded. "
                "Save the picture again from an image editor and upload that."
            )
        allowed = [IMAGE_FORMATS[kind][0] for kind in settings.MARKDOWNX_UPLOAD_CONTENT_TYPES]
        try:
            with Image.open(BytesIO(data), formats=allowed) as probe:
                width, height = probe.size
                if width * height > MAX_PIXELS:
                    raise forms.ValidationError(
                        f"This image is {width} × {height} pixels, too large to process. "
                        "Make it smaller than 8000 × 5000 pixels and try again."
                    )
                probe.verify()
            # verify() leaves the image unusable; decode it again, fully this time.
            image = Image.open(BytesIO(data), formats=allowed)
            image.load()
        except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError):
            raise forms.ValidationError(NOT_AN_IMAGE) from None
        return image

    def save(self):
        """Store a fresh encoding of the image under a random name; return its URL."""
        image = self.cleaned_data["image"]
        image_format = image.format
        extension = next(ext for name, ext in IMAGE_FORMATS.values() if name == image_format)
        image = ImageOps.exif_transpose(image)
        image.thumbnail(settings.MARKDOWNX_IMAGE_MAX_SIZE["size"])
        if image_format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        # Pillow writes some of what it read back out (a JPEG's comment, for one), so only
        # what drawing the pixels needs is kept: no comments, EXIF, XMP or colour profile.
        image.info = {key: value for key, value in image.info.items() if key == "transparency"}
        encoded = BytesIO()
        image.save(encoded, image_format, quality=settings.MARKDOWNX_IMAGE_MAX_SIZE["quality"])
        name = f"{settings.MARKDOWNX_MEDIA_PATH}{uuid.uuid4().hex}.{extension}"
        return default_storage.url(default_storage.save(name, ContentFile(encoded.getvalue())))


class ArticleAdminForm(forms.ModelForm):
    """The article change form, which refuses to overwrite a save made since it was opened."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        # The admin's fieldsets choose what is shown; these are all that may be edited: what
        # a draft copy carries to its article, and the address, status and related articles.
        fields = ["slug", "status", *COPIED_FIELDS, "related"]

        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.version
        if "related" in self.fields:
            # Article.objects holds no draft copy, which would show under its article's title.
            # Nor is an article related to itself, which a copy's is once it is published.
            itself = [self.instance.pk, self.instance.draft_of_id]
            self.fields["related"].queryset = Article.objects.exclude(pk__in=itself)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.draft_of_id and cleaned_data.get("status") == Article.Status.PUBLISHED:
            self.add_error(
                "status",
                "A draft copy is not published on its own: save it as a draft, then use "
                "“Publish these changes”.",
            )
        if self.instance.pk is None:
            return cleaned_data
        # The admin saves inside a transaction: locking the row until the save commits
        # means a second save sent at the same moment waits, then sees this one's version.
        current_version = (
            Article.objects_with_copies.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .get()
        )
        if cleaned_data.get("loaded_version") != current_version:
            # Saving again now means choosing to replace the other change, knowingly.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = current_version
            raise forms.ValidationError(self.conflict_message(), code="edit_conflict")
        return cleaned_data

    def conflict_message(self):
        latest = self.instance.history.first()
        if latest is None:
            who_and_when = "Someone else has changed this article"
        else:
            who = latest.history_user or "someone without an account (an import or a script)"
            when = date_format(timezone.localtime(latest.history_date), "DATETIME_FORMAT")
            who_and_when = f"{who} changed this article at {when}"
        return (
            f"{who_and_when}, after you opened it. Your changes have not been saved, and they "
            "are still in the form below. Check their change in the article's history, then "
            "save again to replace it with yours, or reload the page to start from their version."
        )
