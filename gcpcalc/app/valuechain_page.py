"""App page "Value chain": supplier data requests and their status, imports through a column mapping built
here and saved by name, and what-if scenarios with a target solver.

Thin layout over :mod:`gcpcalc.excel.suppliers`, :mod:`gcpcalc.mapping` and :mod:`gcpcalc.scenario`: every
number comes from the engine. Saved mappings and scenarios live in the store (the same database as the
saved assessments), so the CLI can use them (``gcpcalc import-mapped --mapping NAME``, ``gcpcalc scenario``).
"""
from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from .. import fields as F
from ..i18n import enum_label

T = {
    "title": ("Value chain and scenarios", "バリューチェーンとシナリオ"),
    "tab_suppliers": ("Supplier requests", "サプライヤーへの依頼"),
    "tab_import": ("Import from other systems", "他システムからの取込"),
    "tab_scenarios": ("Scenarios (what-if)", "シナリオ分析"),
    "no_data": ("Load or enter an assessment first (its data must be valid).",
                "先に評価データを読み込むか入力してください（データにエラーがない状態が必要です）。"),
    "sup_intro": ("One workbook per supplier of the inflow lines: the supplier sees only its own lines. Send them, "
                  "then upload the answers here to merge them; every changed cell is recorded.",
                  "インフローの行のサプライヤーごとに依頼ファイルを作成します。各サプライヤーには自社分の行だけが表示されます。"
                  "送付後、返送された回答をここでアップロードして取り込みます。変更したセルはすべて記録します。"),
    "supplier": ("Supplier", "サプライヤー"),
    "lines": ("Lines", "行数"),
    "status": ("Status", "状況"),
    "st_waiting": ("waiting for the answer", "回答待ち"),
    "st_answered": ("answered", "回答済み"),
    "st_unchanged": ("returned unchanged", "変更なしで返送"),
    "st_conflict": ("answered, with conflicts", "回答済み（不一致あり）"),
    "download_req": ("Request workbook: {s}", "依頼ファイル：{s}"),
    "build_req": ("Create the request workbooks", "依頼ファイルを作成"),
    "no_supplier": ("No inflow line names a supplier: fill in the Supplier column of the inflows first.",
                    "サプライヤーが記入されたインフローの行がありません。先にインフローの「サプライヤー」列を記入してください。"),
    "answers": ("Answer workbooks (several files allowed)", "回答ファイル（複数可）"),
    "changes": ("Cells changed", "変更したセル"),
    "conflicts": ("Conflicts (not applied)", "回答の不一致（反映していません）"),
    "apply": ("Use the merged data", "取り込んだデータを使用する"),
    "applied": ("The merged data is now the current data. Save it on the Saved assessments page for a new revision.",
                "取り込んだデータを現在のデータにしました。「保存済みの評価」ページで保存すると新しいリビジョンになります。"),
    "save_rev": ("Save as a new revision (with the record of this merge)", "新しいリビジョンとして保存（取込の記録付き）"),
    "saved_rev": ("Saved as revision {n}; the record of the merge is kept with it.",
                  "リビジョン {n} として保存しました。取込の記録も保存しています。"),
    "merge_comment": ("supplier answers: {files}; {n} cell(s) changed", "サプライヤー回答：{files}；{n} セル更新"),
    "fix_first": ("Some answer cells are not valid (see above): correct those files and upload them again before "
                  "saving.", "無効な回答セルがあります（上記参照）。該当ファイルを修正して再度アップロードしてから保存してください。"),
    "file": ("File", "ファイル"), "cell": ("Cell", "セル"), "line": ("Line", "行ID"), "field": ("Field", "項目"),
    "old": ("Before", "変更前"), "new": ("After", "変更後"), "values": ("Values", "回答値"),
    "imp_intro": ("Map the columns of an ERP or manifest export (CSV or Excel) once, save the mapping by name, and "
                  "import next year's file the same way here or with the command line.",
                  "基幹システムや電子マニフェストの出力（CSV・Excel）の列の対応を一度設定して名前を付けて保存すれば、翌年のファイルも"
                  "ここまたはコマンドラインで同じように取り込めます。"),
    "source_file": ("Export file (CSV or .xlsx)", "出力ファイル（CSV または .xlsx）"),
    "target": ("Import into", "取込先"),
    "column_for": ("Column for each field", "項目ごとの列"),
    "none_col": ("— (not in the file)", "—（ファイルにない）"),
    "constant": ("Same value for every row (optional)", "全行に同じ値を入れる（任意）"),
    "codes_for": ("Codes of column '{c}' → {f}", "列「{c}」のコード → {f}"),
    "code": ("Code in the file", "ファイル上のコード"),
    "maps_to": ("Means", "対応する値"),
    "map_name": ("Mapping name", "取込設定の名前"),
    "save_map": ("Save the mapping", "取込設定を保存"),
    "saved": ("Saved '{n}'.", "「{n}」を保存しました。"),
    "saved_maps": ("Saved mappings", "保存済みの取込設定"),
    "load_map": ("Start from a saved mapping", "保存済みの取込設定から始める"),
    "do_import": ("Import the rows", "行を取り込む"),
    "replace": ("Replace the table instead of adding to it", "追加ではなく表を置き換える"),
    "imported": ("{n} row(s) imported into {t}.", "{t}に {n} 行を取り込みました。"),
    "sc_intro": ("A scenario is a list of changes applied on top of the current data. The figures of the scenario "
                 "are the engine's figures of the changed data.",
                 "シナリオは、現在のデータに適用する変更の一覧です。シナリオの値は、変更後のデータを同じ計算で算定した値です。"),
    "kind": ("Change", "変更の種類"),
    "sc_name": ("Scenario name", "シナリオ名"),
    "run": ("Compare with the current data", "現在のデータと比較"),
    "indicator": ("Indicator", "指標"), "baseline": ("Current", "現状"), "scenario": ("Scenario", "シナリオ"),
    "diff": ("Difference", "差"),
    "solve": ("What is needed to reach a target?", "目標達成に必要な変更"),
    "solve_ind": ("Target indicator", "目標とする指標"), "solve_target": ("Target value", "目標値"),
    "solve_go": ("Solve", "計算"),
    "save_sc": ("Save the scenario", "シナリオを保存"),
    "saved_sc": ("Saved scenarios", "保存済みのシナリオ"),
    "load_sc": ("Load", "読み込む"),
    "selection": ("Lines: material", "対象：素材"), "sel_supplier": ("or supplier", "またはサプライヤー"),
    "recycled_pct": ("Recycled content to reach (%)", "目標とする再生材比率（%）"),
    "from_dest": ("From destination", "変更前の処理方法"), "to_dest": ("To destination", "変更後の処理方法"),
    "share_pct": ("Share moved (%)", "変更する割合（%）"),
    "group": ("Product group", "製品グループ"), "factor": ("Lifetime × factor", "耐用年数の倍率"),
    "carrier": ("Energy carrier", "エネルギー種別"), "add": ("Add the change", "変更を追加"),
    "changes_list": ("Changes of this scenario", "このシナリオの変更"),
    "clear": ("Remove all changes", "変更をすべて削除"),
    "what": ("What changes", "変更内容"),
}


def _t(key: str, lang: str, **kw) -> str:
    en, ja = T[key]
    return (ja if lang == "ja" else en).format(**kw)


def _store():
    from ..store.db import Store, default_url

    return Store(st.session_state.get("gc_db_url") or default_url())


def _data(assessment) -> dict | None:
    return None if assessment is None else assessment.to_json_dict()


def render(lang: str, current_assessment=None, load_assessment=None) -> None:
    st.header(_t("title", lang))
    data = _data(current_assessment)
    if data is None:
        st.info(_t("no_data", lang))
        return
    tabs = st.tabs([_t("tab_suppliers", lang), _t("tab_import", lang), _t("tab_scenarios", lang)])
    with tabs[0]:
        _suppliers(data, lang, load_assessment)
    with tabs[1]:
        _imports(data, lang, load_assessment)
    with tabs[2]:
        _scenarios(data, lang)


# ------------------------------------------------------------------------------------------------
def _suppliers(data: dict, lang: str, load) -> None:
    from ..excel.suppliers import merge_answers, request_workbook, safe_filename, suppliers_of

    st.caption(_t("sup_intro", lang))
    by_sup = suppliers_of(data)
    if not by_sup:
        st.info(_t("no_supplier", lang))
        return
    files = st.session_state.get("gc_vc_answers")
    res = None
    if files:
        res = merge_answers(data, [(f.name, f.getvalue()) for f in files], lang=lang)
        st.session_state["gc_vc_merge"] = res
    else:
        st.session_state.pop("gc_vc_merge", None)
    merged = st.session_state.get("gc_vc_merge")
    status = {}
    if merged is not None:
        changed = {c.supplier for c in merged.changes}
        conflicted = {v["file"] for c in merged.conflicts for v in c["values"]}
        files_by_sup = {}
        for f in merged.files:
            files_by_sup.setdefault(f["supplier"], []).append(f["name"])
        for sup in by_sup:
            if sup not in files_by_sup:
                status[sup] = _t("st_waiting", lang)
            elif any(f in conflicted for f in files_by_sup[sup]):
                status[sup] = _t("st_conflict", lang)
            else:
                status[sup] = _t("st_answered" if sup in changed else "st_unchanged", lang)
    table = pd.DataFrame({_t("supplier", lang): list(by_sup), _t("lines", lang): [len(v) for v in by_sup.values()],
                          _t("status", lang): [status.get(s, _t("st_waiting", lang)) for s in by_sup]})
    st.dataframe(table, hide_index=True, width="stretch")
    if st.button(_t("build_req", lang), key="gc_vc_build"):
        st.session_state["gc_vc_requests"] = {s: request_workbook(data, s, lang) for s in by_sup}
    for sup, blob in (st.session_state.get("gc_vc_requests") or {}).items():
        st.download_button(_t("download_req", lang, s=sup), blob, file_name=f"{safe_filename(sup)}.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key=f"gc_vc_dl_{hashlib.sha1(sup.encode()).hexdigest()[:8]}")
    st.file_uploader(_t("answers", lang), type=["xlsx"], accept_multiple_files=True, key="gc_vc_answers")
    if res is not None:
        from .form import show_messages

        show_messages(res.messages, lang, "gc_vc_merge_msgs")
        if res.changes:
            st.markdown(f"**{_t('changes', lang)}**")
            st.dataframe(pd.DataFrame([{
                _t("file", lang): c.file, _t("cell", lang): c.cell, _t("line", lang): c.line_id,
                _t("field", lang): F.INFLOWS.field(c.field).label(lang), _t("old", lang): _show(c.field, c.old, lang),
                _t("new", lang): _show(c.field, c.new, lang)} for c in res.changes]), hide_index=True, width="stretch")
        if res.conflicts:
            st.markdown(f"**{_t('conflicts', lang)}**")
            st.dataframe(pd.DataFrame([{
                _t("line", lang): c["line_id"], _t("field", lang): F.INFLOWS.field(c["field"]).label(lang),
                _t("values", lang): "; ".join(f"{v['file']} {v['cell']}: {v['value']}" for v in c["values"])}
                for c in res.conflicts]), hide_index=True, width="stretch")
        if res.changes and res.ok:
            from ..models import validate_assessment

            a, _ = validate_assessment(res.data)
            c1, c2 = st.columns(2)
            if a is not None and c1.button(_t("save_rev", lang), key="gc_vc_save_rev", type="primary"):
                files = ", ".join(f"{f['name']} ({f['sha256'][:12]})" for f in res.files)
                with _store() as store:
                    info = store.save(a, comment=_t("merge_comment", lang, files=files, n=len(res.changes)))
                    store.save_document("merge", f"{info.name}|{info.period_end}|{info.number}", res.provenance())
                if load is not None:
                    load(a, "store")
                st.success(_t("saved_rev", lang, n=info.number))
            if a is not None and load is not None and c2.button(_t("apply", lang), key="gc_vc_apply"):
                load(a, "upload")
                st.success(_t("applied", lang))
        elif res.changes:
            st.warning(_t("fix_first", lang))


def _show(fid: str, value, lang: str) -> str:
    fld = F.INFLOWS.field(fid)
    if value is None:
        return ""
    if fld.kind == "enum" or value in fld.suggested:
        return enum_label(value, lang)
    return str(value)


# ------------------------------------------------------------------------------------------------
def _imports(data: dict, lang: str, load) -> None:
    from ..mapping import Mapping, distinct_codes, import_into, read_table_file

    st.caption(_t("imp_intro", lang))
    try:
        with _store() as store:
            saved = [n for n, _, _ in store.list_documents("mapping")]
    except Exception:  # noqa: BLE001 - the store is optional here: the builder still works
        saved = []
    start_from = None
    if saved:
        choice = st.selectbox(_t("load_map", lang), ["—", *saved], key="gc_vc_map_pick")
        if choice != "—":
            with _store() as store:
                start_from = Mapping.from_dict(store.load_document("mapping", choice))
    up = st.file_uploader(_t("source_file", lang), type=["csv", "txt", "xlsx"], key="gc_vc_src")
    if up is None:
        return
    headers, rows, msgs = read_table_file(up.getvalue(), up.name)
    if msgs:
        from .form import show_messages

        show_messages(msgs, lang, "gc_vc_read_msgs")
        return
    st.dataframe(pd.DataFrame(rows[:5], columns=headers[: len(rows[0])] if rows else headers), hide_index=True)
    tables = ("inflows", "outflows")
    target = st.radio(_t("target", lang), tables, format_func=lambda x: F.TABLES[x].label(lang), horizontal=True,
                      index=tables.index(start_from.table) if start_from and start_from.table in tables else 0,
                      key="gc_vc_target")
    table = F.TABLES[target]
    none = _t("none_col", lang)
    columns, constants, codes = {}, {}, {}
    st.markdown(f"**{_t('column_for', lang)}**")
    grid = st.columns(3)
    for i, fld in enumerate(f for f in table.fields if f.id != "source"):
        options = [none, *headers]
        default = start_from.columns.get(fld.id) if start_from else None
        if default is None:  # a column whose header is the field's label or id
            default = next((h for h in headers if h in (fld.id, fld.label_en, fld.label_ja)), None)
        with grid[i % 3]:
            col = st.selectbox(fld.label(lang), options, index=options.index(default) if default in options else 0,
                               key=f"gc_vc_col_{target}_{fld.id}")
        if col != none:
            columns[fld.id] = col
    with st.expander(_t("constant", lang)):
        for fld in table.fields:
            if fld.kind == "enum" and fld.id not in columns:
                opts = ["", *fld.allowed]
                pre = (start_from.constants.get(fld.id) if start_from else None) or ""
                v = st.selectbox(fld.label(lang), opts, index=opts.index(pre) if pre in opts else 0,
                                 format_func=lambda x: "" if not x else enum_label(x, lang),
                                 key=f"gc_vc_const_{target}_{fld.id}")
                if v:
                    constants[fld.id] = v
    for fid, col in columns.items():
        fld = table.field(fid)
        if fld.kind not in ("enum", "bool"):
            continue
        values = list(fld.allowed) if fld.kind == "enum" else [True, False]
        found = distinct_codes(headers, rows, col)
        if not found:
            continue
        st.markdown(f"**{_t('codes_for', lang, c=col, f=fld.label(lang))}**")
        pre = start_from.codes.get(fid, {}) if start_from else {}
        opts = ["", *[str(v) for v in values]]
        chosen = {}
        for code in found:
            guess = pre.get(code)
            v = st.selectbox(code, opts, index=opts.index(str(guess)) if guess is not None and str(guess) in opts else 0,
                             format_func=lambda x: x if x in ("",) else (enum_label(x, lang) if fld.kind == "enum"
                                                                         else ("はい" if x == "True" else "いいえ")
                                                                         if lang == "ja" else x),
                             key=f"gc_vc_code_{target}_{fid}_{hashlib.sha1(code.encode()).hexdigest()[:8]}")
            if v:
                chosen[code] = (v == "True") if fld.kind == "bool" else v
        codes[fid] = chosen
    name = st.text_input(_t("map_name", lang), value=start_from.name if start_from else "", key="gc_vc_map_name")
    mapping = Mapping(name or "mapping", target, columns, constants, codes)
    c1, c2 = st.columns(2)
    if c1.button(_t("save_map", lang), key="gc_vc_save_map", disabled=not name):
        with _store() as store:
            store.save_document("mapping", name, mapping.to_dict())
        st.success(_t("saved", lang, n=name))
    replace = c2.checkbox(_t("replace", lang), key="gc_vc_replace")
    if c2.button(_t("do_import", lang), key="gc_vc_import", type="primary"):
        out, msgs = import_into(data, mapping, up.getvalue(), up.name, lang, replace=replace)
        from .form import show_messages

        show_messages(msgs, lang, "gc_vc_import_msgs")
        if out is not None and load is not None:
            from ..models import validate_assessment

            a, _ = validate_assessment(out)
            n = len(out[target]) - (0 if replace else len(data.get(target) or []))
            load(a, "upload")
            st.success(_t("imported", lang, n=n, t=table.label(lang)))


# ------------------------------------------------------------------------------------------------
def _scenarios(data: dict, lang: str) -> None:
    from ..scenario import KEY_INDICATORS, KIND_LABELS, KINDS, Change, Scenario, describe, run_scenario, solve

    st.caption(_t("sc_intro", lang))
    ss = st.session_state
    ss.setdefault("gc_vc_changes", [])
    try:
        with _store() as store:
            saved = [n for n, _, _ in store.list_documents("scenario")]
    except Exception:  # noqa: BLE001
        saved = []
    if saved:
        c1, c2 = st.columns([3, 1])
        pick = c1.selectbox(_t("saved_sc", lang), saved, key="gc_vc_sc_pick")
        if c2.button(_t("load_sc", lang), key="gc_vc_sc_load"):
            with _store() as store:
                sc = Scenario.from_dict(store.load_document("scenario", pick))
            ss.gc_vc_changes = [c.to_dict() for c in sc.changes]
            ss.gc_vc_sc_name = sc.name
    kind = st.selectbox(_t("kind", lang), KINDS, format_func=lambda k: KIND_LABELS[k][1 if lang == "ja" else 0],
                        key="gc_vc_kind")
    params: dict = {}
    if kind == "recycled_share":
        mats = sorted({r.get("material") for r in data.get("inflows", []) if r.get("material")})
        sups = sorted({r.get("supplier") for r in data.get("inflows", []) if r.get("supplier")})
        c1, c2, c3 = st.columns(3)
        m = c1.selectbox(_t("selection", lang), ["", *mats], format_func=lambda x: enum_label(x, lang) if x else "—",
                         key="gc_vc_p_mat")
        s = c2.selectbox(_t("sel_supplier", lang), ["", *sups], format_func=lambda x: x or "—", key="gc_vc_p_sup")
        params = {"recycled_pct": c3.number_input(_t("recycled_pct", lang), 0.0, 100.0, 30.0, key="gc_vc_p_pct")}
        if m:
            params["material"] = m
        if s:
            params["supplier"] = s
    elif kind == "move_waste":
        c1, c2, c3 = st.columns(3)
        params = {
            "from_destination": c1.selectbox(_t("from_dest", lang), F.DESTINATIONS, index=F.DESTINATIONS.index("landfill"),
                                             format_func=lambda x: enum_label(x, lang), key="gc_vc_p_from"),
            "to_destination": c2.selectbox(_t("to_dest", lang), F.DESTINATIONS, format_func=lambda x: enum_label(x, lang),
                                           index=F.DESTINATIONS.index("recycling"), key="gc_vc_p_to"),
            "share_pct": c3.number_input(_t("share_pct", lang), 0.0, 100.0, 100.0, key="gc_vc_p_share")}
    elif kind == "extend_lifetime":
        groups = sorted({p.get("product_group") for p in data.get("products", []) if p.get("product_group")})
        c1, c2 = st.columns(2)
        g = c1.selectbox(_t("group", lang), ["", *groups], format_func=lambda x: x or "—", key="gc_vc_p_group")
        params = {"factor": c2.number_input(_t("factor", lang), 0.1, 10.0, 1.2, key="gc_vc_p_factor")}
        if g:
            params["product_group"] = g
    else:
        carriers = sorted({e.get("carrier") for e in data.get("energy", []) if e.get("carrier")})
        c1, c2 = st.columns(2)
        c = c1.selectbox(_t("carrier", lang), ["", *carriers], format_func=lambda x: enum_label(x, lang) if x else "—",
                         key="gc_vc_p_carrier")
        params = {"share_pct": c2.number_input(_t("share_pct", lang), 0.0, 100.0, 100.0, key="gc_vc_p_eshare")}
        if c:
            params["carrier"] = c
    if st.button(_t("add", lang), key="gc_vc_add"):
        ss.gc_vc_changes = [*ss.gc_vc_changes, {"kind": kind, **params}]
    if not ss.gc_vc_changes:
        return
    st.markdown(f"**{_t('changes_list', lang)}**")
    st.dataframe(pd.DataFrame([{_t("kind", lang): KIND_LABELS[c["kind"]][1 if lang == "ja" else 0],
                                _t("what", lang): describe(Change.from_dict(c), lang)}
                               for c in ss.gc_vc_changes]), hide_index=True, width="stretch")
    if st.button(_t("clear", lang), key="gc_vc_clear"):
        ss.gc_vc_changes = []
        st.rerun()
    name = st.text_input(_t("sc_name", lang), key="gc_vc_sc_name")
    scen = Scenario(name or "scenario", [Change.from_dict(c) for c in ss.gc_vc_changes])
    if st.button(_t("save_sc", lang), key="gc_vc_sc_save", disabled=not name):
        with _store() as store:
            store.save_document("scenario", name, scen.to_dict())
        st.success(_t("saved", lang, n=name))
    comp = run_scenario(data, scen)
    from .form import show_messages

    show_messages(comp.messages, lang, "gc_vc_sc_msgs")
    if comp.scenario is None:
        return
    rows = [(i, b, s, d) for i, b, s, d in comp.rows if i in KEY_INDICATORS]
    st.dataframe(pd.DataFrame([{
        _t("indicator", lang): comp.baseline[i].label(lang), _t("baseline", lang): _r(b),
        _t("scenario", lang): _r(s), _t("diff", lang): _r(d)} for i, b, s, d in rows]), hide_index=True,
        width="stretch")
    st.markdown(f"**{_t('solve', lang)}**")
    first = next((n for n, c in enumerate(ss.gc_vc_changes) if c["kind"] == "recycled_share"), None)
    if first is None:
        return
    c1, c2, c3 = st.columns(3)
    ind = c1.selectbox(_t("solve_ind", lang), KEY_INDICATORS[:3], format_func=lambda i: comp.baseline[i].label(lang),
                       key="gc_vc_solve_ind")
    target = c2.number_input(_t("solve_target", lang), 0.0, 100.0, 50.0, key="gc_vc_solve_target")
    if c3.button(_t("solve_go", lang), key="gc_vc_solve"):
        def make(x: float) -> Scenario:
            s = Scenario.from_dict(scen.to_dict())
            s.changes[first].params["recycled_pct"] = x
            return s

        sol = solve(data, make, ind, float(target), 0.0, 100.0)
        (st.success if sol.reached else st.warning)(sol.message_ja if lang == "ja" else sol.message_en)


def _r(v):
    return None if v is None else round(v, 2)
