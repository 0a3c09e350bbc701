using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MspasTramite.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RollupProcedureIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MonthlyDurationCount_ProcedureId",
                table: "MonthlyDurationCount");

            migrationBuilder.DropIndex(
                name: "IX_DailyProcedureFigures_ProcedureId",
                table: "DailyProcedureFigures");

            migrationBuilder.DropIndex(
                name: "IX_DailyFunnelStep_ProcedureId",
                table: "DailyFunnelStep");

            migrationBuilder.DropIndex(
                name: "IX_DailyDurationCount_ProcedureId",
                table: "DailyDurationCount");

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyDurationCount_ProcedureId_Measure_Month",
                table: "MonthlyDurationCount",
                columns: new[] { "ProcedureId", "Measure", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_DailyProcedureFigures_ProcedureId_Day",
                table: "DailyProcedureFigures",
                columns: new[] { "ProcedureId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_DailyFunnelStep_ProcedureId_Day",
                table: "DailyFunnelStep",
                columns: new[] { "ProcedureId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_DailyDurationCount_ProcedureId_Measure_Day",
                table: "DailyDurationCount",
                columns: new[] { "ProcedureId", "Measure", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MonthlyDurationCount_ProcedureId_Measure_Month",
                table: "MonthlyDurationCount");

            migrationBuilder.DropIndex(
                name: "IX_DailyProcedureFigures_ProcedureId_Day",
                table: "DailyProcedureFigures");

            migrationBuilder.DropIndex(
                name: "IX_DailyFunnelStep_ProcedureId_Day",
                table: "DailyFunnelStep");

            migrationBuilder.DropIndex(
                name: "IX_DailyDurationCount_ProcedureId_Measure_Day",
                table: "DailyDurationCount");

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyDurationCount_ProcedureId",
                table: "MonthlyDurationCount",
                column: "ProcedureId");

            migrationBuilder.CreateIndex(
                name: "IX_DailyProcedureFigures_ProcedureId",
                table: "DailyProcedureFigures",
                column: "ProcedureId");

            migrationBuilder.CreateIndex(
                name: "IX_DailyFunnelStep_ProcedureId",
                table: "DailyFunnelStep",
                column: "ProcedureId");

            migrationBuilder.CreateIndex(
                name: "IX_DailyDurationCount_ProcedureId",
                table: "DailyDurationCount",
                column: "ProcedureId");
        }
    }
}
