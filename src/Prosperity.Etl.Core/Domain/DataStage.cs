using System.Text.RegularExpressions;

namespace Prosperity.Etl.Domain;

/// <summary>
/// The status of full-year figures. Bureaus publish the year twice: the preliminary figures (快报)
/// in January, and the final annual figures (年报) some months later, which replace them. Quarters
/// before the fourth have no such status.
/// </summary>
public enum DataStage
{
    /// <summary>快报: the preliminary full-year figures.</summary>
    Preliminary,

    /// <summary>年报: the final full-year figures, which replace the preliminary ones.</summary>
    Final,
}

/// <summary>How a cover cell, a period or a bulletin title words the <see cref="DataStage"/>.</summary>
public static partial class DataStages
{
    /// <summary>The warehouse code of a stage (<c>etl_submission.data_stage</c>).</summary>
    public static string Code(this DataStage stage) => stage == DataStage.Final ? "final" : "preliminary";

    /// <summary>快报 or 年报.</summary>
    public static string LabelZh(this DataStage stage) => stage == DataStage.Final ? "年报" : "快报";

    /// <summary>"preliminary" or "final".</summary>
    public static string LabelEn(this DataStage stage) => stage.Code();

    /// <summary>The stage of a warehouse code, or null.</summary>
    public static DataStage? FromCode(string? code) => code switch
    {
        "final" => DataStage.Final,
        "preliminary" => DataStage.Preliminary,
        _ => null,
    };

    /// <summary>
    /// The stage a cell names on its own (快报, 年报, 快报数, 初步数, 最终数, preliminary, final…), or null
    /// when it names none.
    /// </summary>
    public static DataStage? Read(string? text)
    {
        var s = Words().Replace(text ?? string.Empty, string.Empty).ToLowerInvariant();
        return s switch
        {
            "快报" or "快报数" or "快报数据" or "初步" or "初步数" or "初步核算" or "初步核算数" or "preliminary" or "flash" => DataStage.Preliminary,
            "年报" or "年报数" or "年报数据" or "最终" or "最终数" or "最终核实" or "最终核实数" or "正式" or "final" => DataStage.Final,
            _ => null,
        };
    }

    /// <summary>
    /// Splits a stage off a period or title: <c>2025年（快报）</c>, <c>2025年全年快报</c>, <c>2025Q4 年报</c>,
    /// <c>2025年年报</c> give the period text without it and the stage; a text without one comes back as it was.
    /// </summary>
    public static (string Text, DataStage? Stage) Split(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (text ?? string.Empty, null);
        }

        var m = StageWord().Match(text);
        if (!m.Success)
        {
            return (text, null);
        }

        var stage = m.Groups["w"].Value is "年报" or "最终核实数" or "最终核实" ? DataStage.Final : DataStage.Preliminary;
        var rest = (text[..m.Index] + text[(m.Index + m.Length)..]).Trim();

        // 2025年报: the year's 年 was read as the stage's.
        if (stage == DataStage.Final && rest.Length > 0 && char.IsAsciiDigit(rest[^1]) && m.Value.TrimStart().StartsWith('年'))
        {
            rest += "年";
        }

        return (rest, stage);
    }

    [GeneratedRegex(@"[\s（）()\[\]【】:：]")]
    private static partial Regex Words();

    [GeneratedRegex(@"\s*[（(【\[]?\s*(?<w>快报|年报|初步核算数|初步核算|最终核实数|最终核实)\s*[）)】\]]?\s*")]
    private static partial Regex StageWord();
}
