"""expenses"""
