"use client";

import { getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { useMemo } from "react";
import { auditColumns } from "@/components/data-table/audit/columns";
import { DataTable } from "@/components/data-table/data-table";
import type { AuditEntryJson } from "@/lib/db/queries/audit";

export function AuditTable({ entries }: { entries: AuditEntryJson[] }) {
  const columns = useMemo(() => auditColumns(), []);
  const table = useReactTable({ data: entries, columns, getRowId: (e) => e.id, getCoreRowModel: getCoreRowModel(), enableSorting: false });
  return (
    <div className="card">
      <DataTable table={table} label="Audit entries" />
    </div>
  );
}
