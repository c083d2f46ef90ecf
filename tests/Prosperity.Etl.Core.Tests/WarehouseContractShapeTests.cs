using System.Reflection;
using Prosperity.Etl.Import;

namespace Prosperity.Etl.Core.Tests;

public class WarehouseContractShapeTests
{
    [Fact]
    public void IWarehouse_ShouldHaveNoDefaultMembers_SoAWrapperThatForgetsOneDoesNotCompile()
    {
        var defaults = typeof(IWarehouse).GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => !m.IsAbstract).Select(m => m.Name).ToList();

        Assert.Empty(defaults);
    }
}
