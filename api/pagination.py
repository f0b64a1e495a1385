"""The API's pages: a page number and a size the client may choose, within bounds."""

import re

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

POSITIVE = re.compile(r"^[1-9][0-9]{0,8}$")
LAST_PAGE = 10**9 - 1  # what POSITIVE lets through


class Pages(PageNumberPagination):
    """`page` (from 1; past the last page is a 404) and `page_size` (1 to 200): anything
    else is a 400 naming the parameter, not a silent default."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    # The schema's words for the two parameters (DRF's attributes, read by its schema).
    page_query_description = "The page, from 1."
    page_size_query_description = "Items per page."

    def _number(self, request, name: str, maximum: int) -> None:
        value = request.query_params.get(name)
        if value is not None and not (POSITIVE.match(value) and int(value) <= maximum):
            raise ValidationError({name: [_("Use a whole number from 1 to %s.") % maximum]})

    def paginate_queryset(self, queryset, request, view=None):
        self._number(request, self.page_query_param, LAST_PAGE)
        self._number(request, self.page_size_query_param, self.max_page_size)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        """DRF's two parameters, with the bounds `paginate_queryset` holds them to."""
        parameters = super().get_schema_operation_parameters(view)
        maximum = {self.page_query_param: LAST_PAGE, self.page_size_query_param: self.max_page_size}
        for parameter in parameters:
            parameter["schema"].update(minimum=1, maximum=maximum[parameter["name"]])
        return parameters


class RecordPages(Pages):
    page_size = 150  # an assessment's actions on one page (2018: 90, 2.0: 124)
