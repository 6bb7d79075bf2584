"""The download buttons of an AppTest page whose files are made on click: label -> (file name, callable)."""

from __future__ import annotations

import gc


def unduhan_tertunda(at) -> dict[str, tuple[str, object]]:
    """label -> (file name, callable) of the page's download buttons whose file is made on click."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    tertunda = {}
    for mfm in (o for o in gc.get_objects() if isinstance(o, MediaFileManager)):
        tertunda |= mfm._deferred_callables
    tombol = [d.proto for d in at.get("download_button") if d.proto.deferred_file_id]
    return {k.label: (tertunda[k.deferred_file_id]["filename"], tertunda[k.deferred_file_id]["callable"]) for k in tombol}
