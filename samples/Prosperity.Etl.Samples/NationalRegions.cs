using System.Globalization;
using System.Text;

namespace Prosperity.Etl.Samples;

/// <summary>
/// Synthetic regions for a national-scale run: under each real province other than Zhejiang (whose
/// real regions ship with the product), ten cities and their county-level units, with codes of the
/// national pattern (PP0000, PPCC00, PPCCNN) and names that say they are synthetic. With Zhejiang's
/// 90 units the default makes 2,850 county-level units, about China's number. Written as a regions
/// file for <c>Reference:RegionsFile</c>.
/// </summary>
public static class NationalRegions
{
    /// <summary>The file name the samples verb writes.</summary>
    public const string FileName = "national-regions.tsv";

    /// <summary>China's county-level units, about.</summary>
    public const int DefaultCountyUnits = 2_850;

    private const int CitiesPerProvince = 10;

    // The provinces, autonomous regions and municipalities other than Zhejiang.
    private static readonly (string Code, string Zh, string En)[] Provinces =
    [
        ("110000", "北京市", "Beijing"), ("120000", "天津市", "Tianjin"), ("130000", "河北省", "Hebei"), ("140000", "山西省", "Shanxi"),
        ("150000", "内蒙古自治区", "Inner Mongolia"), ("210000", "辽宁省", "Liaoning"), ("220000", "吉林省", "Jilin"), ("230000", "黑龙江省", "Heilongjiang"),
        ("310000", "上海市", "Shanghai"), ("320000", "江苏省", "Jiangsu"), ("340000", "安徽省", "Anhui"), ("350000", "福建省", "Fujian"),
        ("360000", "江西省", "Jiangxi"), ("370000", "山东省", "Shandong"), ("410000", "河南省", "Henan"), ("420000", "湖北省", "Hubei"),
        ("430000", "湖南省", "Hunan"), ("440000", "广东省", "Guangdong"), ("450000", "广西壮族自治区", "Guangxi"), ("460000", "海南省", "Hainan"),
        ("500000", "重庆市", "Chongqing"), ("510000", "四川省", "Sichuan"), ("520000", "贵州省", "Guizhou"), ("530000", "云南省", "Yunnan"),
        ("540000", "西藏自治区", "Tibet"), ("610000", "陕西省", "Shaanxi"), ("620000", "甘肃省", "Gansu"), ("630000", "青海省", "Qinghai"),
        ("640000", "宁夏回族自治区", "Ningxia"), ("650000", "新疆维吾尔自治区", "Xinjiang"),
    ];

    /// <summary>The regions TSV: <paramref name="countyUnits"/> county-level units in all with the <paramref name="existingUnits"/> the catalogue has.</summary>
    public static string Build(int countyUnits = DefaultCountyUnits, int existingUnits = 90)
    {
        var synthetic = Math.Max(0, countyUnits - existingUnits);
        var text = new StringBuilder("region_code\tname_zh\tname_en\tlevel\tparent_code\tvalid_from\tvalid_to\tsuccessor_code\n");
        void Row(string code, string zh, string en, string level, string parent) =>
            text.Append(CultureInfo.InvariantCulture, $"{code}\t{zh}\t{en}\t{level}\t{parent}\t2000-01-01\t\t\n");
        for (var p = 0; p < Provinces.Length; p++)
        {
            var (code, zh, en) = Provinces[p];
            Row(code, zh, en, "province", string.Empty);

            // The units spread over the provinces, then over each province's cities, as evenly as integers allow.
            var units = (synthetic / Provinces.Length) + (p < synthetic % Provinces.Length ? 1 : 0);
            for (var c = 1; c <= CitiesPerProvince; c++)
            {
                var city = string.Create(CultureInfo.InvariantCulture, $"{code[..2]}{c:00}00");
                Row(city, $"{zh}合成第{c}市", $"{en} synthetic city {c}", "city", code);
                var inCity = (units / CitiesPerProvince) + (c <= units % CitiesPerProvince ? 1 : 0);
                for (var u = 1; u <= inCity; u++)
                {
                    Row(string.Create(CultureInfo.InvariantCulture, $"{city[..4]}{u:00}"), $"{zh}合成第{c}市第{u}县", $"{en} synthetic county {c}-{u}", "county", city);
                }
            }
        }

        return text.ToString();
    }
}
