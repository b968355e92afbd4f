import ExcelJS from 'exceljs';

// Ledger templates (XLSX, made with exceljs): one data sheet with Chinese headers and an example
// row, and a hidden sheet 选项 holding the lists the data sheet's cells are validated against
// (street and community names, modes of service), so a spreadsheet program offers them as
// drop-downs and refuses anything else.

export type TemplateColumn = { header: string; width: number; list?: string; note?: string };
export type TemplateSpec = {
  sheet: string;
  columns: TemplateColumn[];
  example: (string | number | null)[];
  /** named lists of allowed values, one column each on the hidden sheet */
  lists: Record<string, string[]>;
};

/** rows of the data sheet that carry the validation lists */
export const TEMPLATE_ROWS = 2000;

/** The template as an XLSX buffer. */
export async function buildTemplate(spec: TemplateSpec): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '鲤城区红色物业指挥平台';
  const ws = wb.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  const options = wb.addWorksheet('选项', { state: 'hidden' });
  const ranges: Record<string, string> = {};
  Object.entries(spec.lists).forEach(([name, values], i) => {
    const col = i + 1;
    options.getCell(1, col).value = name;
    values.forEach((v, j) => (options.getCell(j + 2, col).value = v));
    const letter = options.getColumn(col).letter;
    ranges[name] = `选项!$${letter}$2:$${letter}$${values.length + 1}`;
  });
  ws.columns = spec.columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(spec.example);
  spec.columns.forEach((c, i) => {
    if (c.note) ws.getCell(1, i + 1).note = c.note;
    if (!c.list) return;
    for (let r = 2; r <= TEMPLATE_ROWS + 1; r++) {
      ws.getCell(r, i + 1).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [ranges[c.list]!],
        showErrorMessage: true,
        errorTitle: c.header,
        error: `请从列表中选择${c.header}`,
      };
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
