from django import forms

from triage.engine import MULTIPLE

# Input that no page of the form can send: a made-up answer, or several answers to a
# question that takes one. It gets a friendly "we could not use that" page, not an error
# message by a field the person never saw.
FORGED_CODES = {"invalid_choice", "invalid_list", "several_answers"}


class AnswerForm(forms.Form):
    """The answer to one question: radio buttons or checkboxes, in field `answer`."""

    def __init__(self, question, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        choices = [(choice.slug, choice.label) for choice in question.choices]
        if question.kind == MULTIPLE:
            field = forms.MultipleChoiceField(choices=choices)
        else:
            field = forms.ChoiceField(choices=choices)
        field.error_messages["required"] = question.error_message
        self.fields["answer"] = field

    def clean_answer(self):
        picked = self.cleaned_data["answer"]
        if isinstance(picked, str):
            if len(self.data.getlist("answer")) > 1:
                raise forms.ValidationError("Pick one answer.", code="several_answers")
            return [picked]
        picked = list(dict.fromkeys(picked))
        exclusive = [self.question.choice(slug) for slug in picked]
        exclusive = [choice for choice in exclusive if choice.exclusive]
        # "None of these" with a sign is not an error: the sign counts (see Question.accepts).
        if exclusive and not self.question.accepts(picked):
            raise forms.ValidationError(
                f"Select '{exclusive[0].label}' on its own, or select the answers that apply",
                code="exclusive",
            )
        return picked

    @property
    def forged(self):
        return any(self.has_error("answer", code) for code in FORGED_CODES)

    def picked(self):
        """The choice slugs to show as ticked: what was just sent, or the saved answer."""
        if self.is_bound:
            return self.data.getlist("answer")
        return self.initial.get("answer", [])
