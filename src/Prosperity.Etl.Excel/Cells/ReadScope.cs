namespace Prosperity.Etl.Excel.Cells;

/// <summary>How much of a workbook's cells the model keeps (every cell is read and counted against the limits either way).</summary>
public enum ReadScope
{
    /// <summary>Every cell of every sheet: for <c>inspect</c> and for the feedback copy rebuilt from the cells.</summary>
    Everything,

    /// <summary>
    /// What a return or a bulletin can be read from: every cell of a sheet whose first 40 rows and 30
    /// columns hold a return's label (a cover's region code, an indicator code header), and the first
    /// 300 rows and 60 columns of any other sheet (the most a comparison table is read from). The
    /// rest of such a sheet (an annex of 40,000 household actions) is counted, not kept.
    /// </summary>
    WhatTheProductReads,
}
