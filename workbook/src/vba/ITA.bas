Attribute VB_Name = "ITA"
' ITA: the buttons of the "ITA" ribbon tab of ITA_tracker.xlsm.
'
' Source: workbook/src/vba/ITA.bas in the ita-xl repository.  `python -m ita_xl.builder` puts it
' into the workbook together with customUI/customUI14.xml (the tab), xlwings' own VBA module
' and the UDF wrappers of ita_xl/udfs.py.  Edits made in the VBA editor are lost at the next
' build: change this file instead.
'
' How a button works
'   1. ThisWorkbook.SaveCopyAs writes the workbook as the clerk sees it (unsaved edits
'      included) to an ASCII-named file in a private temp folder.  The clerk's file is never
'      saved over.
'   2. xlwings' RunPython runs ita_xl.excel.<entry point> on that copy.  Paths travel as hex
'      of their UTF-16 code units (HexUtf16) and are decoded by ita_xl.excel.unhex: Thai
'      folder and file names are normal for our clerks, and RunPython has broken on non-ASCII
'      names before (xlwings issue #2004).  The Python command holds only ASCII.
'   3. Python answers in result.txt (UTF-16): a message to show, the cell to select, files or
'      a folder to open.  ShowResult reads it with FileSystemObject, which is Unicode-safe
'      (VBA's own Open/Kill/Dir are not).
'
' This file is ASCII only: module text is stored in a Windows code page, so Thai letters here
' would turn into question marks.  Messages come from Python; the few this module needs are
' written as UTF-16 hex and decoded by U() (each has its English meaning beside it).
Option Explicit

#If VBA7 Then
    Private Declare PtrSafe Function MessageBoxW Lib "user32" (ByVal hWnd As LongPtr, _
        ByVal lpText As LongPtr, ByVal lpCaption As LongPtr, ByVal uType As Long) As Long
#Else
    Private Declare Function MessageBoxW Lib "user32" (ByVal hWnd As Long, _
        ByVal lpText As Long, ByVal lpCaption As Long, ByVal uType As Long) As Long
#End If

Private Const MB_ICONERROR As Long = &H10
Private Const MB_ICONWARNING As Long = &H30
Private Const MB_ICONINFORMATION As Long = &H40
Private Const TITLE As String = "ITA"

' ---------------------------------------------------------------------------------------------
' Ribbon callbacks (customUI14.xml onAction)
' ---------------------------------------------------------------------------------------------

Public Sub ITA_Check(control As IRibbonControl)
    RunOnCopy "check_from_excel"
End Sub

Public Sub ITA_Generate(control As IRibbonControl)
    RunOnCopy "generate_from_excel"
End Sub

Public Sub ITA_Pdf(control As IRibbonControl)
    RunOnCopy "pdf_from_excel"
End Sub

Public Sub ITA_OpenFolder(control As IRibbonControl)
    RunEntry "open_output_folder", PyPath(ThisWorkbook.FullName), ""
End Sub

Public Sub ITA_About(control As IRibbonControl)
    RunEntry "about", "", ""
End Sub

' ---------------------------------------------------------------------------------------------
' Running Python
' ---------------------------------------------------------------------------------------------

Private Sub RunOnCopy(ByVal entry As String)
    ' Save what the clerk sees to a temp copy and run entry(copy, original, result=...).
    Dim work As String, copyPath As String
    On Error GoTo Failed
    work = NewWorkFolder()
    copyPath = work & "\tracker" & FileExtension(ThisWorkbook.Name)
    ThisWorkbook.SaveCopyAs copyPath
    RunEntry entry, PyPath(copyPath) & ", " & PyPath(ThisWorkbook.FullName), work
    Exit Sub
Failed:
    ' "An error occurred in Excel before calling Python:"
    ShowMessage "error", U("0E400E010E340E140E020E490E2D0E1C0E340E140E1E0E250E320E140E430E19") & _
        " Excel " & U("0E010E480E2D0E190E400E230E350E220E01") & " Python:" & vbLf & Err.Description
    RemoveFolder work
End Sub

Private Sub RunEntry(ByVal entry As String, ByVal args As String, ByVal work As String)
    ' RunPython "import ita_xl.excel as ita; ita.<entry>(<args>, result=<result.txt>)" and
    ' act on the answer.  work is the temp folder (made here when empty); it is removed
    ' afterwards, whatever happened.
    Dim resultPath As String, command As String
    On Error GoTo Failed
    If work = "" Then work = NewWorkFolder()
    resultPath = work & "\result.txt"
    If args <> "" Then args = args & ", "
    command = "import ita_xl.excel as ita; ita." & entry & "(" & args & "result=" & _
        PyPath(resultPath) & ")"
    ' "ita-xl is working, please wait"
    Application.StatusBar = "ita-xl: " & _
        U("0E010E330E250E310E070E170E330E070E320E1900200E420E1B0E230E140E230E2D0E2A0E310E010E040E230E390E48") & "..."
    Application.Cursor = xlWait
    RunPython command
    Application.Cursor = xlDefault
    Application.StatusBar = False
    ShowResult resultPath
    RemoveFolder work
    Exit Sub
Failed:
    Application.Cursor = xlDefault
    Application.StatusBar = False
    ' "An error occurred in Excel before calling Python:"
    ShowMessage "error", U("0E400E010E340E140E020E490E2D0E1C0E340E140E1E0E250E320E140E430E19") & _
        " Excel " & U("0E010E480E2D0E190E400E230E350E220E01") & " Python:" & vbLf & Err.Description
    RemoveFolder work
End Sub

Private Function PyPath(ByVal path As String) As String
    ' A Python expression that evaluates to path: ita.unhex('<UTF-16 hex>').  ASCII only.
    PyPath = "ita.unhex('" & HexUtf16(path) & "')"
End Function

Private Function HexUtf16(ByVal text As String) As String
    ' The UTF-16 code units of text as upper-case hex, four digits each (Python:
    ' text.encode("utf-16-be").hex().upper()).
    Dim i As Long, code As Long, out As String
    out = ""
    For i = 1 To Len(text)
        code = AscW(Mid$(text, i, 1)) And &HFFFF&
        out = out & Right$("000" & Hex$(code), 4)
    Next i
    HexUtf16 = out
End Function

Private Function U(ByVal hexText As String) As String
    ' The inverse of HexUtf16: text from four hex digits per UTF-16 code unit.
    Dim i As Long, code As Long, out As String
    out = ""
    For i = 1 To Len(hexText) - 3 Step 4
        code = Val("&H" & Mid$(hexText, i, 4))
        If code < 0 Then code = code + 65536
        out = out & ChrW(code)
    Next i
    U = out
End Function

' ---------------------------------------------------------------------------------------------
' The answer from Python
' ---------------------------------------------------------------------------------------------

Private Sub ShowResult(ByVal resultPath As String)
    ' result.txt holds key=value lines:
    '   status=ok|warning|error     message=<line> (repeated)     select=<sheet><TAB><cell>
    '   open=<file or folder> (repeated)
    Dim fso As Object, stream As Object, text As String, lines As Variant, i As Long
    Dim key As String, value As String, status As String, message As String
    Dim targetSheet As String, targetCell As String, toOpen As New Collection, item As Variant
    Set fso = CreateObject("Scripting.FileSystemObject")
    If Not fso.FileExists(resultPath) Then
        ' "No answer from Python.  Check that Python and ita-xl are installed (the
        '  ita-xl-windows-*.zip bundle), see docs/excel-setup.md.  If xlwings showed an error window before this
        '  one, the text in that window says why."
        ShowMessage "error", U("0E440E210E480E440E140E490E230E310E1A0E040E330E150E2D0E1A0E080E320E01") & _
            " Python" & vbLf & _
            U("0E420E1B0E230E140E150E230E270E080E270E480E320E150E340E140E150E310E490E07") & " Python " & _
            U("0E410E250E30") & " ita-xl " & U("0E410E250E490E27") & " (ita-xl-windows-*.zip) " & _
            U("0E150E320E210E040E390E480E210E370E2D") & " docs/excel-setup.md" & vbLf & _
            U("0E2B0E320E010E210E350E2B0E190E490E320E150E480E320E070E020E490E2D0E1C0E340E140E1E0E250E320E140E020E2D0E07") & _
            " xlwings " & _
            U("0E010E480E2D0E190E2B0E190E490E320E190E350E4900200E020E490E2D0E040E270E320E210E430E190E2B0E190E490E320E150E480E320E070E190E310E490E190E1A0E2D0E010E2A0E320E400E2B0E150E38")
        Exit Sub
    End If
    Set stream = fso.OpenTextFile(resultPath, 1, False, -1)  ' ForReading, TristateTrue: UTF-16
    text = stream.ReadAll
    stream.Close
    If Left$(text, 1) = ChrW(&HFEFF) Then text = Mid$(text, 2)
    lines = Split(Replace(text, vbCr, ""), vbLf)
    For i = LBound(lines) To UBound(lines)
        If InStr(lines(i), "=") > 0 Then
            key = Left$(lines(i), InStr(lines(i), "=") - 1)
            value = Mid$(lines(i), InStr(lines(i), "=") + 1)
            Select Case key
                Case "status": status = value
                Case "message"
                    If message <> "" Then message = message & vbLf
                    message = message & value
                Case "select"
                    If InStr(value, vbTab) > 0 Then
                        targetSheet = Left$(value, InStr(value, vbTab) - 1)
                        targetCell = Mid$(value, InStr(value, vbTab) + 1)
                    End If
                Case "open": toOpen.Add value
            End Select
        End If
    Next i
    If targetSheet <> "" Then SelectCell targetSheet, targetCell
    If message <> "" Then ShowMessage status, message
    For Each item In toOpen
        OpenPath CStr(item)
    Next item
End Sub

Private Sub SelectCell(ByVal sheetName As String, ByVal address As String)
    On Error Resume Next
    ThisWorkbook.Activate
    ThisWorkbook.Worksheets(sheetName).Activate
    Application.Goto ThisWorkbook.Worksheets(sheetName).Range(address), False
    On Error GoTo 0
End Sub

Private Sub OpenPath(ByVal path As String)
    ' Open a document or folder with its usual program (Word, Explorer), Unicode-safe.
    On Error Resume Next
    #If Mac Then
        ThisWorkbook.FollowHyperlink path
    #Else
        CreateObject("Shell.Application").ShellExecute path
    #End If
    On Error GoTo 0
End Sub

Private Sub ShowMessage(ByVal status As String, ByVal message As String)
    ' A message box that shows Thai whatever the Windows language for non-Unicode programs.
    Dim icon As Long, caption As String
    Select Case status
        Case "error": icon = MB_ICONERROR
        Case "warning": icon = MB_ICONWARNING
        Case Else: icon = MB_ICONINFORMATION
    End Select
    #If Mac Then
        MsgBox message, icon, TITLE
    #Else
        caption = TITLE
        MessageBoxW Application.hWnd, StrPtr(message), StrPtr(caption), icon
    #End If
End Sub

' ---------------------------------------------------------------------------------------------
' Files
' ---------------------------------------------------------------------------------------------

Private Function NewWorkFolder() As String
    ' A new, empty folder under the user's temp folder, e.g. %TEMP%\ita-xl-rad1F2E3.
    Dim fso As Object, path As String
    Set fso = CreateObject("Scripting.FileSystemObject")
    Do
        path = fso.GetSpecialFolder(2).Path & "\ita-xl-" & fso.GetBaseName(fso.GetTempName())
    Loop While fso.FolderExists(path)
    fso.CreateFolder path
    NewWorkFolder = path
End Function

Private Sub RemoveFolder(ByVal path As String)
    On Error Resume Next
    If path <> "" Then CreateObject("Scripting.FileSystemObject").DeleteFolder path, True
    On Error GoTo 0
End Sub

Private Function FileExtension(ByVal fileName As String) As String
    ' ".xlsm" of "ITA_tracker.xlsm": the copy keeps the format of the workbook.
    If InStrRev(fileName, ".") > 0 Then
        FileExtension = Mid$(fileName, InStrRev(fileName, "."))
    Else
        FileExtension = ".xlsm"
    End If
End Function
