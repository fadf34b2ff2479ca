"""The benchmark's yardstick, frozen: the comparison charts' code (components/charts, Altair objects built for
every draw) as it stood on 2026-11-24 when the comparisons page was measured against it for issue 13 ("keep the
reference as it is today"). bench/reference_page.py draws with this copy, so that making the app's own charts
faster does not also make the yardstick faster. Not used by the app; do not update it with the app's charts."""
