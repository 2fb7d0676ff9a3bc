"""The ja/en texts of the safe intake: refusals of hostile files, misreads made visible, JSON limits.

Kept in this module (added to :data:`gcpcalc.i18n.MESSAGES` on import) so that the shared message table
needs no edit. No text carries a library's own wording: a refusal names the file, what was found and the
limit, never an exception text.
"""
from __future__ import annotations

from ..i18n import MESSAGES

MESSAGES.update({
    # --- isolation: the child process that parses an untrusted file ended abnormally ---------------
    "intake_memory": ("{file}: reading the file needs more memory than the limit of {limit}: refused. A workbook "
                      "built for this calculator stays far below it; check that the file holds only the template "
                      "tables.",
                      "{file}：読み込みに必要なメモリが上限 {limit} を超えるため、読み込みを中止しました。"
                      "このツール用のブックであれば上限を大きく下回ります。テンプレートの表だけが含まれているか確認してください。"),
    "intake_timeout": ("{file}: reading the file took longer than the limit of {limit}: refused.",
                       "{file}：読み込みが制限時間 {limit} を超えたため、中止しました。"),
    "intake_crashed": ("{file}: the file could not be read: the reader stopped abnormally ({value}). The file is "
                       "damaged or was built to disturb the reader; save it again from Excel.",
                       "{file}：ファイルを読み込めません。読み込み処理が異常終了しました（{value}）。ファイルが破損しているか、"
                       "読み込みを妨げる内容が含まれています。Excel で保存し直してください。"),
    "intake_unavailable": ("{file}: the file could not be read because the separate reading process could not be "
                           "started ({value}). Try again.",
                           "{file}：読み込み用のプロセスを開始できなかったため、ファイルを読み込めません（{value}）。"
                           "もう一度お試しください。"),
    # --- size budget, checked before parsing ------------------------------------------------------------
    "xlsx_far_cell": ("{file}: sheet {sheet} has a cell at {value}, far outside any table (limits: column {maximum}, "
                      "row {rows}, {limit} cells per sheet): refused. Delete the far cell or copy the table into a new sheet.",
                      "{file}：シート {sheet} の {value} にセルがあり、表の範囲から大きく外れています（上限：{maximum} 列、{rows} 行、"
                      "1シート {limit} セル）。読み込みを中止しました。離れたセルを削除するか、表を新しいシートに"
                      "コピーしてください。"),
    "xlsx_dimension": ("{file}: sheet {sheet} declares a used range {value} of {other} cells, more than the limit of "
                       "{limit} cells: refused. Delete the unused rows and columns, or copy the table into a new sheet.",
                       "{file}：シート {sheet} の使用範囲 {value}（{other} セル）が上限 {limit} セルを超えているため、"
                       "読み込みを中止しました。未使用の行・列を削除するか、表を新しいシートにコピーしてください。"),
    "xlsx_too_many_cells": ("{file}: the workbook holds {value} cells, more than the limit of {limit}: refused.",
                            "{file}：ブックのセル数 {value} が上限 {limit} を超えているため、読み込みを中止しました。"),
    "xlsx_long_string": ("{file}: a text of {value} characters is stored in the workbook, longer than Excel's limit "
                         "of 32,767 characters per cell: refused (Excel itself cannot have written it).",
                         "{file}：Excel の1セルの上限（32,767 文字）を超える {value} 文字の文字列が含まれているため、"
                         "読み込みを中止しました（Excel で作成されたファイルではありません）。"),
    "xlsx_part_too_large": ("{file}: part {value} decompresses to {other}, more than the limit of {limit}: refused.",
                            "{file}：構成要素 {value} の展開後のサイズ {other} が上限 {limit} を超えているため、"
                            "読み込みを中止しました。"),
    "xlsx_cell_tag": ("{file}: sheet {sheet} has a cell whose markup is {value} long (limit {limit}): refused. "
                      "The file was not written by a spreadsheet program.",
                      "{file}：シート {sheet} に記述が {value} のセルがあります（上限 {limit}）。表計算ソフトで作成された"
                      "ファイルではないため、読み込みを中止しました。"),
    "sheet_not_examined": ("Sheet {value} is not a sheet of the template and is over the size limits ({other}): "
                           "it was not examined.",
                           "シート {value} はテンプレートのシートではなく、サイズの上限を超えているため（{other}）、"
                           "内容を確認していません。"),
    "sheet_unreadable": ("Sheet {value} is damaged and cannot be read; the cells that could be read are used: {other}.",
                         "シート {value} が破損しているため、そのまま読めません。読み取れたセルだけを使います：{other}。"),
    "xlsx_unexpected": ("{file}: the workbook holds content the reader cannot interpret; save it again from Excel "
                        "as an Excel workbook (.xlsx).",
                        "{file}：ブックに読み取れない内容が含まれています。Excel で Excel ブック（.xlsx）として保存し直してください。"),
    "cell_unreadable": ("The cell holds a damaged value and was read as empty.",
                        "セルの値が破損しているため、空欄として読みました。"),
    # --- misreads made visible ----------------------------------------------------------------------
    "merged_outside_table": ("Merged cells {value} lie outside the table: ignored.",
                             "結合セル {value} は表の外にあるため無視します。"),
    "merged_in_data": ("Merged cells {value} inside the table: only the top-left cell {other} holds a value; the "
                       "other cells of the range are read as empty.",
                       "表の中に結合セル {value} があります。値を持つのは左上のセル {other} だけで、範囲内の他のセルは"
                       "空欄として読みます。"),
    "sheet_by_header": ("Sheet {value} has no template name but its header row matches table {table}: it is read "
                        "as that table (expected sheet name: {other}).",
                        "シート {value} はテンプレートのシート名ではありませんが、見出し行が表「{table_ja}」と一致するため、"
                        "その表として読みます（本来のシート名：{other}）。"),
    "sheet_name_normalised": ("Sheet {value} is read as sheet {other} (full-width or half-width characters "
                              "normalised).",
                              "シート {value} をシート {other} として読みます（全角・半角を統一して照合しました）。"),
    "header_normalised": ("Column label '{value}' is read as '{other}' (full-width or half-width characters "
                          "normalised).",
                          "列見出し「{value}」を「{other}」として読みます（全角・半角を統一して照合しました）。"),
    "table_missing": ("No sheet holds table {table} (expected sheet name: {other}): the table is read as empty.",
                      "表「{table_ja}」のシートがありません（シート名：{other}）。この表は空として読みます。"),
    "example_row_edited": ("{field}: row {value} is the template's example row (id starting '例:' or 'example:') and "
                           "some of its cells were typed over. An example row is never read as data: delete the row, "
                           "or give it an id of your own.",
                           "{field_ja}：{value} 行目はテンプレートの記入例の行（IDが「例:」または「example:」で始まる行）"
                           "ですが、一部のセルが書き換えられています。記入例の行はデータとして読みません。行を削除するか、"
                           "独自のIDを付けてください。"),
    "number_decimal_comma": ("{field}: '{value}' is ambiguous: a comma here reads as a decimal comma, but a comma is "
                             "accepted only as a thousands separator (1,234.5). Type the number with a decimal point.",
                             "{field_ja}：「{value}」は解釈が分かれるため読み込みません。カンマは3桁区切り（1,234.5）としてのみ"
                             "使えます。小数点はピリオドで入力してください。"),
    "number_separators": ("{field}: '{value}' is ambiguous: its separators are not in thousands groups (expected a "
                          "number such as 1234.5 or 1,234.5).",
                          "{field_ja}：「{value}」は区切りの位置が3桁区切りではないため読み込みません"
                          "（1234.5 または 1,234.5 のように入力してください）。"),
    "number_percent_sign": ("{field}: '{value}' has a percent sign, but this column takes a quantity, not a "
                            "percentage: not read. Type the quantity in its unit.",
                            "{field_ja}：「{value}」には % が付いていますが、この列は割合ではなく数量の列です。"
                            "読み込みません。単位に合わせた数量を入力してください。"),
    "number_unit_text": ("{field}: '{value}' contains text besides the number: not read. Type the number alone and "
                         "the unit in the unit column.",
                         "{field_ja}：「{value}」には数値以外の文字が含まれているため読み込みません。数値だけを入力し、"
                         "単位は単位の列に入力してください。"),
    # --- JSON -------------------------------------------------------------------------------------------
    "json_syntax": ("{file}: not valid JSON (line {line}, column {column}).",
                    "{file}：JSON として読めません（{line} 行目、{column} 文字目）。"),
    "json_encoding": ("{file}: not UTF-8 text (byte {value}).",
                      "{file}：UTF-8 のテキストではありません（{value} バイト目）。"),
    "json_surrogate": ("{file}: the text '{value}' holds a lone surrogate escape (\\ud800–\\udfff), which is not a "
                       "character: refused.",
                       "{file}：文字列「{value}」に単独のサロゲート（\\ud800～\\udfff）が含まれています。文字ではないため"
                       "読み込みません。"),
    "json_non_finite": ("{file}: the value {value} is not a finite number: refused.",
                        "{file}：値 {value} は有限の数値ではないため読み込みません。"),
    "json_too_deep": ("{file}: the JSON is nested more than {limit} levels deep: refused.",
                      "{file}：JSON の入れ子が {limit} 階層を超えているため読み込みません。"),
    "json_big_int": ("{file}: a number with {value} digits: refused (at most {limit} digits).",
                     "{file}：{value} 桁の数値が含まれているため読み込みません（上限 {limit} 桁）。"),
    "json_too_large": ("{file}: the file is {value}, over the limit of {limit}.",
                       "{file}：ファイルサイズ {value} が上限 {limit} を超えています。"),
    # --- plausibility of values after validation -------------------------------------------------------
    "value_implausible": ("{field}: {value} is above the plausible limit of {limit} for one line: refused.",
                          "{field_ja}：{value} は1行あたりの上限 {limit} を超えるため、あり得ない値として受け付けません。"),
    "total_not_finite": ("{field}: the total of this column is not a finite number: refused.",
                         "{field_ja}：この列の合計が有限の数値にならないため、受け付けません。"),
    "text_cut_in_report": ("{field}: the text has {value} characters; an Excel cell holds at most 32,767, so the "
                           "Excel report shows it cut to that length.",
                           "{field_ja}：文字数が {value} 文字あります。Excel の1セルの上限は 32,767 文字のため、Excel "
                           "レポートではその長さで切り詰めて表示されます。"),
})
